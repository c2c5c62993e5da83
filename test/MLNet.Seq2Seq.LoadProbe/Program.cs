using Microsoft.ML;
using Microsoft.ML.Data;

// Loads a model file with nothing but ML.NET's own loader, as a user's fresh process would (the library is only
// referenced, never called), and prints the text column args[1] for each line of standard input, one per line.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: LoadProbe MODEL.zip OUTPUT_COLUMN < inputs (one text per line, read as column Source)");
    return 2;
}

var ml = new MLContext();
ITransformer model = ml.Model.Load(args[0], out _);
var inputs = new List<SourceRow>();
while (Console.ReadLine() is { } line)
{
    inputs.Add(new SourceRow { Source = line });
}

IDataView output = model.Transform(ml.Data.LoadFromEnumerable(inputs));
foreach (var text in output.GetColumn<string>(args[1]))
{
    Console.WriteLine(text);
}

return 0;

/// <summary>One input row.</summary>
internal sealed class SourceRow
{
    public string Source { get; set; } = "";
}
