using System.Text;
using System.Xml;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>The <c>train --report DIR</c> folder: metrics.json (the --metrics schema) and training.svg (<see cref="TrainingChart"/>).</summary>
internal static class TrainingReport
{
    public const string MetricsFileName = "metrics.json";
    public const string ChartFileName = "training.svg";

    /// <summary>Writes both files into <paramref name="directory"/>, creating it when needed.</summary>
    public static void Write(string directory, IReadOnlyList<EpochSummary> history)
    {
        Directory.CreateDirectory(directory);
        EpochMetricsFile.Write(Path.Combine(directory, MetricsFileName), history);
        using var chart = XmlWriter.Create(Path.Combine(directory, ChartFileName), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        TrainingChart.Draw(history).Save(chart);
    }
}
