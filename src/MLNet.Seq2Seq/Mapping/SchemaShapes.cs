using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// Shapes of the columns our estimators add. <see cref="SchemaShape.Column"/> has no public constructor, so each is
/// taken from the output shape of a custom mapping whose output column gets its name, type and annotations at run time.
/// </summary>
internal static class SchemaShapes
{
    /// <summary>A variable-length vector of keys carrying a text vocabulary.</summary>
    public static SchemaShape.Column KeyVector(string name) => Shape<uint[]>(name, new VectorDataViewType(new KeyDataViewType(typeof(uint), 1)), column =>
        column.AddAnnotation(KeyValues.AnnotationName, new VBuffer<ReadOnlyMemory<char>>(1, ["?".AsMemory()]), new VectorDataViewType(TextDataViewType.Instance, 1)));

    /// <summary>A variable-length vector of floats.</summary>
    public static SchemaShape.Column FloatVector(string name) => Shape<float[]>(name, new VectorDataViewType(NumberDataViewType.Single));

    /// <summary>An Int32 scalar.</summary>
    public static SchemaShape.Column Int32(string name) => Shape<int>(name, NumberDataViewType.Int32);

    /// <summary>A text scalar.</summary>
    public static SchemaShape.Column Text(string name) => Shape<string>(name, TextDataViewType.Instance);

    /// <summary><paramref name="shape"/> with <paramref name="added"/>, which replace same-named columns.</summary>
    public static SchemaShape Append(SchemaShape shape, params SchemaShape.Column[] added)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new([.. shape.Where(c => !added.Any(a => a.Name == c.Name)), .. added]);
    }

    private static SchemaShape.Column Shape<T>(string name, DataViewType type, Action<SchemaDefinition.Column>? annotate = null)
    {
        SchemaDefinition definition = SchemaDefinition.Create(typeof(ShapeOutput<T>));
        definition[0].ColumnName = name;
        definition[0].ColumnType = type;
        annotate?.Invoke(definition[0]);
        var mapping = new MLContext().Transforms.CustomMapping<ShapeInput, ShapeOutput<T>>((_, _) => { }, contractName: null, outputSchemaDefinition: definition);
        return mapping.GetOutputSchema(new SchemaShape([])).Single(c => c.Name == name);
    }

    /// <summary>A custom mapping input that reads nothing.</summary>
    private sealed class ShapeInput;

    /// <summary>A custom mapping output of one column of raw type <typeparamref name="T"/>.</summary>
    private sealed class ShapeOutput<T>
    {
        public T Value = default!;
    }
}
