using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq.Tests.Data;

[TestClass]
public sealed class DataViewSchemaTests
{
    [TestMethod]
    public void IndexerByMissingNameNamesTheColumnAndListsTheAvailableOnes()
    {
        DataViewSchema schema = TwoColumns();

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => schema["Missing"]);

        StringAssert.Contains(error.Message, "'Missing'");
        StringAssert.Contains(error.Message, "A (String)");
        StringAssert.Contains(error.Message, "B (Int32)");
    }

    [TestMethod]
    public void LaterColumnWithTheSameNameHidesTheEarlierOne()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("A", TextDataViewType.Instance);
        builder.AddColumn("A", NumberDataViewType.Single);
        DataViewSchema schema = builder.ToSchema();

        Assert.IsTrue(schema[0].IsHidden);
        Assert.IsFalse(schema[1].IsHidden);
        Assert.AreEqual(1, schema["A"].Index);
        Assert.AreEqual(NumberDataViewType.Single, schema.GetColumnOrNull("A")!.Value.Type);
        Assert.IsNull(schema.GetColumnOrNull("B"));
    }

    [TestMethod]
    public void KeyValuesAnnotationIsReadBackThroughTheExtensionHelpers()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Keys", new VectorDataViewType(new KeyDataViewType(typeof(uint), 3)), AnnotationUtils.CreateKeyValues(["a", "b", "c"]));
        builder.AddColumn("Plain", new VectorDataViewType(new KeyDataViewType(typeof(uint), 3)));
        DataViewSchema schema = builder.ToSchema();

        Assert.IsTrue(schema["Keys"].HasKeyValues());
        Assert.IsFalse(schema["Plain"].HasKeyValues());
        VBuffer<ReadOnlyMemory<char>> values = default;
        schema["Keys"].GetKeyValues(ref values);
        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, values.DenseValues().Select(v => v.ToString()).ToArray());
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => schema["Plain"].GetKeyValues(ref values));
        StringAssert.Contains(error.Message, "'Plain'");
    }

    [TestMethod]
    public void AnnotationReadWithTheWrongTypeNamesTheKindAndTheType()
    {
        DataViewSchema.Annotations annotations = AnnotationUtils.CreateKeyValues(["x"]);
        int wrong = 0;

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => annotations.GetValue(AnnotationUtils.Kinds.KeyValues, ref wrong));

        StringAssert.Contains(error.Message, "KeyValues");
        StringAssert.Contains(error.Message, "Vector<String, 1>");
    }

    [TestMethod]
    public void TypesCompareByMeaningAndPrintReadably()
    {
        Assert.AreEqual(new KeyDataViewType(typeof(uint), 5), new KeyDataViewType(typeof(uint), 5));
        Assert.AreNotEqual(new KeyDataViewType(typeof(uint), 5), new KeyDataViewType(typeof(uint), 6));
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), new VectorDataViewType(NumberDataViewType.Single, 3));
        Assert.IsFalse(new VectorDataViewType(NumberDataViewType.Single).IsKnownSize);
        Assert.IsTrue(new VectorDataViewType(NumberDataViewType.Single, 3).IsKnownSize);
        Assert.AreEqual("Vector<Key<UInt32, 0-4>>", new VectorDataViewType(new KeyDataViewType(typeof(uint), 5)).ToString());
        Assert.AreEqual(typeof(VBuffer<uint>), new VectorDataViewType(new KeyDataViewType(typeof(uint), 5), 2).RawType);
        Assert.AreEqual(typeof(ReadOnlyMemory<char>), TextDataViewType.Instance.RawType);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new KeyDataViewType(typeof(int), 5));
    }

    [TestMethod]
    public void SchemaShapeDescribesKindsKeysAndAnnotations()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Text", TextDataViewType.Instance);
        builder.AddColumn("Keys", new VectorDataViewType(new KeyDataViewType(typeof(uint), 2)), AnnotationUtils.CreateKeyValues(["a", "b"]));
        builder.AddColumn("Fixed", new VectorDataViewType(NumberDataViewType.Single, 4));

        SchemaShape shape = SchemaShape.Create(builder.ToSchema());

        Assert.AreEqual(SchemaShape.Column.VectorKind.Scalar, shape[0].Kind);
        Assert.IsTrue(shape.TryFindColumn("Keys", out SchemaShape.Column keys));
        Assert.AreEqual(SchemaShape.Column.VectorKind.VariableVector, keys.Kind);
        Assert.IsTrue(keys.IsKey);
        Assert.IsTrue(keys.Annotations.TryFindColumn(AnnotationUtils.Kinds.KeyValues, out _));
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, shape[2].Kind);
        Assert.AreEqual(NumberDataViewType.Single, shape[2].ItemType);
    }

    private static DataViewSchema TwoColumns()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("A", TextDataViewType.Instance);
        builder.AddColumn("B", NumberDataViewType.Int32);
        return builder.ToSchema();
    }
}
