namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>Looks up token vectors in a table [vocab, dim]; the gradient touches only the rows that were looked up.</summary>
internal static class Embedding
{
    /// <summary>output[i] = table[tokens[i]]; output is [tokens, dim].</summary>
    public static void Forward(ReadOnlySpan<float> table, int dim, ReadOnlySpan<int> tokens, Span<float> output)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            table.Slice(tokens[i] * dim, dim).CopyTo(output.Slice(i * dim, dim));
        }
    }

    /// <summary>dTable[tokens[i]] += dOutput[i] (sparse: untouched rows stay as they are).</summary>
    public static void Backward(ReadOnlySpan<int> tokens, int dim, ReadOnlySpan<float> dOutput, Span<float> dTable)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            var row = dTable.Slice(tokens[i] * dim, dim);
            System.Numerics.Tensors.TensorPrimitives.Add(row, dOutput.Slice(i * dim, dim), row);
        }
    }
}
