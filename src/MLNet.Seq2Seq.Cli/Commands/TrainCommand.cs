using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Cli.Commands;

/// <summary><c>seq2seq train</c>: fits the character-level chain on a pair file and saves it.</summary>
internal static class TrainCommand
{
    private static readonly Dictionary<string, AttentionScoring> Scorings = new()
    {
        ["additive"] = AttentionScoring.Additive,
        ["dot"] = AttentionScoring.Dot,
        ["general"] = AttentionScoring.General,
    };

    private static readonly Dictionary<string, ContextKind> Contexts = new()
    {
        ["hidden-cell"] = ContextKind.HiddenAndCell,
        ["hidden"] = ContextKind.Hidden,
    };

    private static readonly Dictionary<string, TeacherForcingDecay> Decays = new()
    {
        ["none"] = TeacherForcingDecay.None,
        ["linear"] = TeacherForcingDecay.Linear,
        ["inverse-sigmoid"] = TeacherForcingDecay.InverseSigmoid,
    };

    private static readonly Dictionary<string, CaseFolding> Foldings = new()
    {
        ["none"] = CaseFolding.None,
        ["lower"] = CaseFolding.Lower,
        ["upper"] = CaseFolding.Upper,
    };

    private static readonly Dictionary<string, RecurrentCell> Cells = new()
    {
        ["lstm"] = RecurrentCell.Lstm,
        ["gru"] = RecurrentCell.Gru,
    };

    private static readonly Option<string> Train = CliOptions.RequiredPath("--train", "Training pairs: source TAB target, one pair a line.");
    private static readonly Option<string> ModelPath = CliOptions.RequiredPath("--model", "Where to save the trained model (.zip); replaced atomically, and only when training succeeds.");
    private static readonly Option<string?> Valid = new("--valid") { Description = "Validation pairs, scored by exact match after every epoch; the best epoch's weights are kept.", HelpName = "FILE" };
    private static readonly Option<bool> Reverse = new("--reverse") { Description = "Feed each source to the encoder in reverse character order." };
    private static readonly Option<string> Decoder = CliOptions.Choice("--decoder", "How the decoder takes the encoder's context.", [.. DecoderNames.All.Keys]);
    private static readonly Option<string> Context = CliOptions.Choice("--context", "Which encoder state starts the decoder.", [.. Contexts.Keys]);
    private static readonly Option<int> Embedding = CliOptions.Positive("--embedding", 16, "Width of the character embeddings.");
    private static readonly Option<int> Hidden = CliOptions.Positive("--hidden", 128, "Width of every LSTM state.");
    private static readonly Option<int> Layers = CliOptions.Positive("--layers", 1, "LSTM layers in the encoder and in the decoder.");
    private static readonly Option<float> Dropout = CliOptions.Fraction("--dropout", 0, "Dropout probability on every LSTM layer's input, in [0, 1).", allowOne: false);
    private static readonly Option<int> Epochs = CliOptions.Positive("--epochs", 25, "Passes over the training data.");
    private static readonly Option<int> Batch = CliOptions.Positive("--batch", 128, "Examples per update.");
    private static readonly Option<float> LearningRate = CliOptions.PositiveNumber("--learning-rate", 0.001f, "Adam's learning rate.");
    private static readonly Option<float> Clip = CliOptions.NonNegativeNumber("--clip", 5, "Global gradient-norm clipping threshold; 0 turns clipping off.");
    private static readonly Option<float> TeacherForcing = CliOptions.Fraction("--teacher-forcing", 1, "Probability of feeding the true previous character while training, in [0, 1].");
    private static readonly Option<string> TeacherForcingDecayOption = CliOptions.Choice("--teacher-forcing-decay", "How the teacher-forcing ratio moves towards --final-teacher-forcing over the epochs.", [.. Decays.Keys]);
    private static readonly Option<float> FinalTeacherForcing = CliOptions.Fraction("--final-teacher-forcing", 0, "The teacher-forcing ratio at the last epoch when it decays, in [0, 1].");
    private static readonly Option<int> Patience = CliOptions.NonNegative("--patience", 0, "Epochs without a better validation score before stopping; 0 never stops early.");
    private static readonly Option<int?> Seed = new("--seed") { Description = "Seed for initialization, shuffling, dropout and sampling (default 0).", HelpName = "N" };
    private static readonly Option<int?> Threads = CliOptions.OptionalPositive("--threads", "Worker threads (default: one per processor); results do not depend on it.");
    private static readonly Option<int?> MaxOutputLength = CliOptions.MaxOutputLength("Longest output the model decodes (default: twice the longest training target, plus 2).");
    private static readonly Option<string?> Metrics = new("--metrics") { Description = "Write per-epoch metrics to this JSON file.", HelpName = "FILE" };
    private static readonly EngineFlags Engine = new("trains the network", "the model it writes serves with the managed engine either way");

    private static readonly Option<string?> Report = new("--report") { Description = "Write metrics.json (the --metrics schema) and training.svg, a chart of loss and validation exact match per epoch, into this folder (created when missing).", HelpName = "DIR" };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress on standard error." };
    private static readonly Option<bool> HasHeader = CliOptions.HasHeader();
    private static readonly Option<bool> NoHeader = CliOptions.NoHeader();
    private static readonly Option<string> CaseFoldingOption = CliOptions.Choice("--case-folding", "Fold sources and targets to one case before training and every source before predicting (saved in the model), so 'Two' and 'two' are the same characters.", [.. Foldings.Keys]);
    private static readonly SourceTextOptions SourceText = new(readsPairFiles: true, followsModel: false);
    private static readonly Option<string?> CheckpointDirectory = new("--checkpoint-dir") { Description = "Save the full training state here after every epoch (atomically), so --resume can continue an interrupted run.", HelpName = "DIR" };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue from the checkpoint in --checkpoint-dir; the data and options must be those of the interrupted run." };
    private static readonly Option<string> Attention = CliOptions.Choice("--attention", "How the attention decoder scores encoder states (with --decoder attention).", [.. Scorings.Keys]);
    private static readonly Option<bool> InputFeeding = new("--input-feeding") { Description = "Feed each step's attentional vector into the next step's input (with --decoder attention)." };
    private static readonly Option<bool> Bidirectional = new("--bidirectional") { Description = "Encode each source in both directions; learned bridges project the two directions' states to --hidden." };
    private static readonly Option<string> Cell = CliOptions.Choice("--cell", "The recurrent cell of every encoder and decoder layer (a GRU has no cell state: the decoder then starts from the hidden state).", [.. Cells.Keys]);

    public static Command Create()
    {
        var command = new Command("train", "Train a character-level LSTM encoder-decoder on source/target pairs and save it.")
        {
            Train, ModelPath, Valid, Reverse, Decoder, Context, Embedding, Hidden, Layers, Dropout, Epochs, Batch, LearningRate, Clip,
            TeacherForcing, TeacherForcingDecayOption, FinalTeacherForcing, Patience, Seed, Threads, MaxOutputLength, Metrics, Quiet, HasHeader, Report,
            CheckpointDirectory, Resume,
            Attention, InputFeeding,
            Bidirectional, Cell,
        };
        CliOptions.AddNoHeader(command, HasHeader, NoHeader);
        command.Options.Add(CaseFoldingOption);
        foreach (Option option in SourceText.All)
        {
            command.Options.Add(option);
        }

        Engine.AddTo(command);

        command.Validators.Add(result =>
        {
            if (result.GetValue(Resume) && result.GetValue(CheckpointDirectory) is null)
            {
                result.AddError("Option '--resume' needs '--checkpoint-dir' to name the folder with the checkpoint.");
            }
        });
        command.SetAction(parseResult => ErrorReport.Guard(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        string modelPath = Path.GetFullPath(parseResult.GetRequiredValue(ModelPath));
        string? metricsPath = parseResult.GetValue(Metrics) is { } metrics ? Path.GetFullPath(metrics) : null;
        RequireDirectory(modelPath, "--model");
        if (metricsPath is not null)
        {
            RequireDirectory(metricsPath, "--metrics");
        }

        Seq2SeqEngine engine = Engine.Create(parseResult);
        int seed = parseResult.GetValue(Seed) ?? 0;
        var context = CliOptions.CreateContext(parseResult, seed);

        bool? hasHeader = CliOptions.Header(parseResult, HasHeader, NoHeader);
        var onBadRow = SourceText.OnBadRow(parseResult);
        IDataView train = PairFiles.Load(context, parseResult.GetRequiredValue(Train), "--train", hasHeader, onBadRow);
        IDataView? valid = parseResult.GetValue(Valid) is { } validPath ? PairFiles.Load(context, validPath, "--valid", hasHeader ?? false, onBadRow) : null;
        var trainer = new LstmEncoderDecoderOptions
        {
            EmbeddingSize = parseResult.GetValue(Embedding),
            HiddenSize = parseResult.GetValue(Hidden),
            Layers = parseResult.GetValue(Layers),
            Dropout = parseResult.GetValue(Dropout),
            Decoder = DecoderNames.All[parseResult.GetRequiredValue(Decoder)],
            Context = Contexts[parseResult.GetRequiredValue(Context)],
            Epochs = parseResult.GetValue(Epochs),
            BatchSize = parseResult.GetValue(Batch),
            LearningRate = parseResult.GetValue(LearningRate),
            GradientClipNorm = parseResult.GetValue(Clip),
            TeacherForcingRatio = parseResult.GetValue(TeacherForcing),
            TeacherForcingDecay = Decays[parseResult.GetRequiredValue(TeacherForcingDecayOption)],
            FinalTeacherForcingRatio = parseResult.GetValue(FinalTeacherForcing),
            Patience = parseResult.GetValue(Patience),
            Seed = seed,
            Threads = parseResult.GetValue(Threads),
            MaxOutputLength = parseResult.GetValue(MaxOutputLength),
            CheckpointDirectory = parseResult.GetValue(CheckpointDirectory),
            ResumeFromCheckpoint = parseResult.GetValue(Resume),
            Attention = Scorings[parseResult.GetRequiredValue(Attention)],
            InputFeeding = parseResult.GetValue(InputFeeding),
            Bidirectional = parseResult.GetValue(Bidirectional),
            Cell = Cells[parseResult.GetRequiredValue(Cell)],
            Engine = engine,
        };
        bool reverse = parseResult.GetValue(Reverse);
        TransformerChain<ITransformer> model = TrainingDisplay.Run(parseResult.GetValue(Quiet), parseResult.GetValue(CliOptions.Verbose), progress =>
        {
            trainer.Progress = progress;
            return context.Seq2Seq.CharacterSeq2Seq(nameof(PairRow.Source), nameof(PairRow.Target), new CharacterSeq2SeqOptions
            {
                ReverseSource = reverse,
                CaseFolding = Foldings[parseResult.GetRequiredValue(CaseFoldingOption)],
                ValidationData = valid,
                Trainer = trainer,
                UnknownCharacters = SourceText.OnUnknown(parseResult),
                MaxSourceLength = SourceText.MaxSourceLength(parseResult),
                SourceLengthOverflow = SourceText.OnTooLong(parseResult),
            }).Fit(train);
        });
        IReadOnlyList<EpochSummary> history = model.OfType<LstmEncoderDecoderTransformer>().Single().TrainingHistory;
        ModelFiles.Save(context, model, modelPath);
        if (metricsPath is not null)
        {
            EpochMetricsFile.Write(metricsPath, history);
        }

        if (parseResult.GetValue(Report) is { } reportDirectory)
        {
            TrainingReport.Write(Path.GetFullPath(reportDirectory), history);
        }

        Console.Out.WriteLine(Summary(history, modelPath));
        return ExitCodes.Success;
    }

    private static void RequireDirectory(string fullPath, string optionName)
    {
        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The directory of the {optionName} file '{fullPath}' does not exist.");
        }
    }

    private static string Summary(IReadOnlyList<EpochSummary> history, string modelPath)
    {
        EpochSummary last = history[^1];
        string valid = history.Where(e => e.ValidExactMatch is not null).MaxBy(e => e.ValidExactMatch) is { } best
            ? string.Create(CultureInfo.InvariantCulture, $", best valid exact match {best.ValidExactMatch:F4} (epoch {best.Epoch})")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"Trained {history.Count} epoch(s), final loss {last.TrainLoss:F4}{valid}; model saved to {modelPath}");
    }
}
