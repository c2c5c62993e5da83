namespace MLNet.Seq2Seq.Persistence;

/// <summary>Saves a transformer (a chain is saved step by step, nested chains flattened) with its input schema, and loads it back.</summary>
internal static class ModelFile
{
    public static void Save(ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var steps = new List<ITransformer>();
        Flatten(model, steps);
        using var writer = new ModelArchiveWriter(path);
        var manifestSteps = new List<PipelineManifest.Step>();
        for (int i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not ICanSaveModel savable)
            {
                throw new NotSupportedException($"Step {i} ({steps[i].GetType().Name}) cannot be saved.");
            }

            string prefix = $"steps/{i:D3}/";
            savable.Save(new ModelSaveContext(writer, prefix));
            manifestSteps.Add(new PipelineManifest.Step(savable.ComponentName, prefix));
        }

        PipelineManifest.InputColumn[] columns = [.. inputSchema.Select(c => new PipelineManifest.InputColumn(c.Name, DataViewTypeJson.From(c.Type)))];
        new ModelSaveContext(writer, string.Empty).SaveObject(PipelineManifest.EntryName, new PipelineManifest(columns, model is not ICanSaveModel, manifestSteps));
        writer.Commit();
    }

    public static ITransformer Load(Seq2SeqContext env, string path, string fileName, out DataViewSchema inputSchema)
    {
        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        var root = new ModelLoadContext(reader, fileName, string.Empty);
        PipelineManifest manifest = root.LoadObject<PipelineManifest>(PipelineManifest.EntryName);
        var builder = new DataViewSchema.Builder();
        foreach (PipelineManifest.InputColumn column in manifest.InputSchema)
        {
            builder.AddColumn(
                column.Name,
                column.Type.ToDataViewType() ?? throw root.Malformed(PipelineManifest.EntryName, $"column '{column.Name}' has an invalid type"));
        }

        inputSchema = builder.ToSchema();
        ITransformer[] steps = [.. manifest.Steps.Select(s => ComponentRegistry.Load(s.Component, new ModelLoadContext(reader, fileName, s.EntryPrefix), env))];
        if (!manifest.IsChain && steps.Length != 1)
        {
            throw root.Malformed(PipelineManifest.EntryName, $"a single transformer was saved but {steps.Length} steps are listed");
        }

        return manifest.IsChain ? new TransformerChain<ITransformer>(steps) : steps[0];
    }

    private static void Flatten(ITransformer model, List<ITransformer> steps)
    {
        if (model is ICanSaveModel)
        {
            steps.Add(model);
        }
        else if (model is IEnumerable<ITransformer> chain)
        {
            foreach (ITransformer step in chain)
            {
                Flatten(step, steps);
            }
        }
        else
        {
            steps.Add(model);
        }
    }
}
