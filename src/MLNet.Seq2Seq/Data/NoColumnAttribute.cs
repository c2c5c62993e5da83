namespace MLNet.Seq2Seq.Data;

/// <summary>Excludes a property or field from the columns of a data view built from or into its class.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class NoColumnAttribute : Attribute
{
}
