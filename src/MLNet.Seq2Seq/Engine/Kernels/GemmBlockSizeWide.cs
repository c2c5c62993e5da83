namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>Block size 9 (the sizes past 8 are used by the single-row kernels, which hold up to 16 vectors of sums).</summary>
internal readonly struct GemmBlock9 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 9;
}

/// <summary>Block size 10.</summary>
internal readonly struct GemmBlock10 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 10;
}

/// <summary>Block size 11.</summary>
internal readonly struct GemmBlock11 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 11;
}

/// <summary>Block size 12.</summary>
internal readonly struct GemmBlock12 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 12;
}

/// <summary>Block size 13.</summary>
internal readonly struct GemmBlock13 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 13;
}

/// <summary>Block size 14.</summary>
internal readonly struct GemmBlock14 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 14;
}

/// <summary>Block size 15.</summary>
internal readonly struct GemmBlock15 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 15;
}

/// <summary>Block size 16.</summary>
internal readonly struct GemmBlock16 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 16;
}
