using System.Globalization;
using MLNet.Seq2Seq.Trainers;
using Spectre.Console;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// Shows training progress on standard error: a live progress bar when standard error is a terminal; when it is not
/// (a log, a pipe), nothing unless --verbose asks for one plain line per epoch and per batch; nothing when quiet.
/// </summary>
internal static class TrainingDisplay
{
    /// <summary>Runs <paramref name="train"/>, giving it the progress receiver that fits the terminal and options.</summary>
    /// <param name="quiet">Show nothing.</param>
    /// <param name="verbose">Without a terminal, write a line after every epoch and every batch.</param>
    /// <param name="train">The training, given the progress receiver.</param>
    public static T Run<T>(bool quiet, bool verbose, Func<IProgress<TrainingProgress>?, T> train)
    {
        if (quiet || (Console.IsErrorRedirected && !verbose))
        {
            return train(null);
        }

        if (Console.IsErrorRedirected)
        {
            return train(new PlainLines());
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(display => train(new ProgressBar(display.AddTask("Training", maxValue: 1))));
    }

    private static string Describe(TrainingProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {progress.Epoch}/{progress.Epochs}, loss {progress.Loss:F4}, {progress.ExamplesPerSecond:F0} examples/s, ETA {progress.EstimatedTimeLeft:hh\\:mm\\:ss}");

    /// <summary>Moves a Spectre.Console task after every batch.</summary>
    private sealed class ProgressBar(ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.MaxValue = (double)value.Epochs * value.Batches;
            task.Value = (double)(value.Epoch - 1) * value.Batches + value.Batch;
            task.Description = Markup.Escape(Describe(value));
        }
    }

    /// <summary>Writes one line per batch and one per completed epoch.</summary>
    private sealed class PlainLines : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.CompletedEpoch is not { } epoch)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch}/{value.Epochs}, batch {value.Batch}/{value.Batches}, loss {value.Loss:F4}"));
                return;
            }

            string valid = epoch.ValidExactMatch is { } exactMatch ? string.Create(CultureInfo.InvariantCulture, $", valid exact match {exactMatch:F4}") : "";
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(value)}, {epoch.TrainSeconds:F2} s, teacher forcing {epoch.TeacherForcingRatio:F2}{valid}"));
        }
    }
}
