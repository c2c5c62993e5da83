using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq;

/// <summary>Loading data into views, reading views back into objects, and splitting.</summary>
public sealed class DataOperationsCatalog
{
    internal DataOperationsCatalog(Seq2SeqContext context) => Context = context;

    /// <summary>The owning context.</summary>
    internal Seq2SeqContext Context { get; }

    /// <summary>
    /// A view over objects: one column per public field or property of type string, float, double, int, uint, long, bool or
    /// an array of these (a variable-size vector), named by <see cref="ColumnNameAttribute"/> or the member name. The
    /// sequence is enumerated lazily, once per cursor.
    /// </summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        return new EnumerableDataView<TRow>(data);
    }

    /// <summary>A view over a separated text file, each member read from the field its <see cref="LoadColumnAttribute"/> names.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public IDataView LoadFromTextFile<TRow>(string path, char separatorChar = '\t', bool hasHeader = false)
        where TRow : class =>
        LoadFromTextFile<TRow>(path, new TextFileLoaderOptions { Separator = separatorChar, HasHeader = hasHeader });

    /// <summary>A view over a separated text file, read as <paramref name="options"/> say.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public IDataView LoadFromTextFile<TRow>(string path, TextFileLoaderOptions options)
        where TRow : class
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        return new TextFileDataView<TRow>(Context, path, options);
    }

    /// <summary>The rows of <paramref name="data"/> as objects, each writable member filled from the column of its name.</summary>
    /// <param name="data">The data.</param>
    /// <param name="reuseRowObject">Whether to fill one object again and again instead of creating one per row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A member has no column of a type it can hold.</exception>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject)
        where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        var bindings = ObjectSchema.BindForWriting<TRow>(data.Schema);
        return Enumerate<TRow>(data, bindings, reuseRowObject);
    }

    /// <summary>Splits rows at random into a training set and a test set; the same seed gives the same split.</summary>
    /// <param name="data">The data.</param>
    /// <param name="testFraction">The expected fraction of rows in the test set, in [0, 1].</param>
    /// <param name="seed">The seed; null draws one from the context.</param>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (testFraction is < 0 or > 1 || double.IsNaN(testFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in [0, 1].");
        }

        ulong splitSeed = (ulong)(uint)(seed ?? Context.NextSeed());
        bool IsTest(long position) => UnitInterval(splitSeed, position) < testFraction;
        return new TrainTestData(new RowFilterDataView(data, p => !IsTest(p)), new RowFilterDataView(data, IsTest));
    }

    private static IEnumerable<TRow> Enumerate<TRow>(IDataView data, IReadOnlyList<(ObjectMember Member, DataViewSchema.Column Column)> bindings, bool reuseRowObject)
        where TRow : class, new()
    {
        using DataViewRowCursor cursor = data.GetRowCursor(bindings.Select(b => b.Column));
        Func<object>[] readers = [.. bindings.Select(b => BoxedGetters.CreateReader(cursor, b.Column))];
        TRow? reused = null;
        while (cursor.MoveNext())
        {
            TRow row = reuseRowObject ? reused ??= new TRow() : new TRow();
            for (int i = 0; i < readers.Length; i++)
            {
                bindings[i].Member.SetRawValue(row, readers[i]());
            }

            yield return row;
        }
    }

    /// <summary>A number in [0, 1) determined by the seed and the row position (SplitMix64 finaliser).</summary>
    private static double UnitInterval(ulong seed, long position)
    {
        ulong z = seed * 0x9E3779B97F4A7C15UL + (ulong)position + 1;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The two parts of a split.</summary>
    public sealed class TrainTestData
    {
        internal TrainTestData(IDataView trainSet, IDataView testSet)
        {
            TrainSet = trainSet;
            TestSet = testSet;
        }

        /// <summary>The rows for training.</summary>
        public IDataView TrainSet { get; }

        /// <summary>The rows for testing.</summary>
        public IDataView TestSet { get; }
    }
}
