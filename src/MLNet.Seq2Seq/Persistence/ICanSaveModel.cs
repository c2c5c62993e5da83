namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// A transformer that can be written to a model file. <see cref="ComponentName"/> is the stable name the file records
/// and <see cref="ComponentRegistry"/> maps back to a loader; the file never names a .NET type.
/// </summary>
internal interface ICanSaveModel
{
    /// <summary>The stable name under which <see cref="ComponentRegistry"/> knows the loader.</summary>
    string ComponentName { get; }

    /// <summary>Writes options and learned state as entries of <paramref name="context"/>.</summary>
    void Save(ModelSaveContext context);
}
