namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>A named tensor slice of a <see cref="ParameterSet"/>'s flat storage.</summary>
internal sealed class Parameter(string name, int offset, int[] shape)
{
    /// <summary>Stable name, used as the tensor's name in model files.</summary>
    public string Name { get; } = name;

    /// <summary>Position of the first element in the flat value and gradient arrays.</summary>
    public int Offset { get; } = offset;

    /// <summary>Row-major shape.</summary>
    public int[] Shape { get; } = shape;

    /// <summary>Number of elements.</summary>
    public int Length { get; } = shape.Aggregate(1, (a, b) => a * b);

    /// <summary>This parameter's elements within a flat array laid out like the set.</summary>
    public Span<float> Of(float[] flat) => flat.AsSpan(Offset, Length);
}
