using System.Text.Json;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// Writes the per-epoch metrics file:
/// <c>{"epochs":[{"epoch":1,"train_loss":..,"train_seconds":..,"teacher_forcing_ratio":..,"valid_exact_match":..|null},...]}</c>.
/// </summary>
internal static class EpochMetricsFile
{
    public static void Write(string path, IReadOnlyList<EpochSummary> epochs)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("epochs");
            foreach (EpochSummary epoch in epochs)
            {
                writer.WriteStartObject();
                writer.WriteNumber("epoch", epoch.Epoch);
                WriteNumberOrNull(writer, "train_loss", epoch.TrainLoss);
                writer.WriteNumber("train_seconds", epoch.TrainSeconds);
                writer.WriteNumber("teacher_forcing_ratio", epoch.TeacherForcingRatio);
                WriteNumberOrNull(writer, "valid_exact_match", epoch.ValidExactMatch);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        File.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>JSON has no NaN or infinity: a diverged loss is written as null.</summary>
    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
