namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// Every trainable tensor of a network in one flat float array, so gradients, the optimizer, clipping and
/// the reduction across batch chunks each work on a single span.
/// </summary>
internal sealed class ParameterSet
{
    private readonly List<Parameter> parameters = [];
    private float[] values = [];

    /// <summary>The parameters in registration order.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>All values, laid out parameter after parameter.</summary>
    public float[] Values => values;

    /// <summary>Total number of scalars.</summary>
    public int Count => values.Length;

    /// <summary>Adds a zero-initialized parameter.</summary>
    public Parameter Add(string name, params int[] shape)
    {
        if (parameters.Any(p => p.Name == name))
        {
            throw new InvalidOperationException($"Parameter '{name}' is registered twice.");
        }

        var parameter = new Parameter(name, values.Length, shape);
        Array.Resize(ref values, values.Length + parameter.Length);
        parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Finds a parameter by name.</summary>
    public Parameter this[string name] =>
        parameters.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"No parameter named '{name}'.");

    /// <summary>A zeroed array shaped like <see cref="Values"/>, for gradients or optimizer moments.</summary>
    public float[] NewBuffer() => new float[values.Length];
}
