namespace MLNet.Seq2Seq.Persistence;

/// <summary>What the manifest records about one content entry of a model file.</summary>
/// <param name="Name">The zip entry name.</param>
/// <param name="Kind"><see cref="ModelArchiveFormat.JsonKind"/> or <see cref="ModelArchiveFormat.TensorKind"/>.</param>
/// <param name="Length">The entry's uncompressed length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the uncompressed bytes, as 64 lowercase hex digits.</param>
/// <param name="Shape">The tensor's dimensions; null for JSON entries.</param>
internal sealed record ModelArchiveManifestEntry(string Name, string Kind, long Length, string Sha256, IReadOnlyList<int>? Shape);
