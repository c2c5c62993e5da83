namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Case folding applied to text before tokenizing.</summary>
public enum CaseFolding
{
    /// <summary>Characters are kept as they are.</summary>
    None,

    /// <summary>Characters are lower-cased (invariant culture).</summary>
    Lower,

    /// <summary>Characters are upper-cased (invariant culture).</summary>
    Upper,
}
