using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>The input of <see cref="PayloadKeyFactory"/>: it reads no column.</summary>
internal sealed class PayloadKeyInput;

/// <summary>The constant key under which a saved step's value mapping holds its payload.</summary>
internal sealed class PayloadKeyOutput
{
    /// <summary>The one key of every payload lookup.</summary>
    public const uint Value = 1;

    /// <summary>Always <see cref="Value"/>.</summary>
    [ColumnName(SavedColumns.PayloadKey)]
    public uint Key;
}

/// <summary>Writes the payload key on every row; stateless, so ML.NET recreates it from its contract name alone.</summary>
[CustomMappingFactoryAttribute(Contract)]
internal sealed class PayloadKeyFactory : CustomMappingFactory<PayloadKeyInput, PayloadKeyOutput>
{
    public const string Contract = "MLNet.Seq2Seq.PayloadKey";

    public override Action<PayloadKeyInput, PayloadKeyOutput> GetMapping() => static (_, output) => output.Key = PayloadKeyOutput.Value;
}
