namespace MLNet.Seq2Seq.Persistence;

/// <summary>The pipeline entry of a model file: the input schema, and the steps in order.</summary>
/// <param name="InputSchema">The columns the model was saved for.</param>
/// <param name="IsChain">Whether the saved model was a chain (loaded back as one) or a single transformer.</param>
/// <param name="Steps">The steps in order.</param>
internal sealed record PipelineManifest(IReadOnlyList<PipelineManifest.InputColumn> InputSchema, bool IsChain, IReadOnlyList<PipelineManifest.Step> Steps)
{
    /// <summary>The entry name.</summary>
    public const string EntryName = "pipeline.json";

    /// <summary>One input column.</summary>
    /// <param name="Name">The column name.</param>
    /// <param name="Type">The column type.</param>
    internal sealed record InputColumn(string Name, DataViewTypeJson Type);

    /// <summary>One step.</summary>
    /// <param name="Component">The registry name of its loader.</param>
    /// <param name="EntryPrefix">The prefix of its entries.</param>
    internal sealed record Step(string Component, string EntryPrefix);
}
