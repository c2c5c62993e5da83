using System.CommandLine;
using MLNet.Seq2Seq.Cli;
using MLNet.Seq2Seq.Cli.Commands;

var root = new RootCommand("Train, evaluate and run character-level sequence-to-sequence (LSTM encoder-decoder) models on tab-separated source/target pairs.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    AttendCommand.Create(),
};
root.Options.Add(CliOptions.Verbose);
return CommandLineRunner.Run(root, args);
