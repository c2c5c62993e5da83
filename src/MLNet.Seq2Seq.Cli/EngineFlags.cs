using System.CommandLine;
using System.Runtime.CompilerServices;
using MLNet.Seq2Seq.TorchSharp;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// The engine options of a command: <c>--engine managed|torchsharp</c> (default managed) and
/// <c>--device cpu|cuda|cuda:N</c> (default cpu; anything but cpu needs --engine torchsharp). TorchSharp and libtorch
/// load only when the TorchSharp engine is picked.
/// </summary>
internal sealed class EngineFlags
{
    private readonly Option<string> engine;

    private readonly Option<string> device;

    /// <summary>The options, whose help says what the engine does for the command: <paramref name="work"/>, for example "trains the network".</summary>
    public EngineFlags(string work, string note)
    {
        engine = CliOptions.Choice("--engine", $"The engine that {work} ({note}).", "managed", TorchSharpEngine.EngineName);
        device = new("--device")
        {
            Description = "Where the torchsharp engine computes: cpu, cuda (the current CUDA device) or cuda:N.",
            HelpName = "cpu|cuda|cuda:N",
            DefaultValueFactory = _ => "cpu",
        };
    }

    /// <summary>Adds the options, and the check that --device other than cpu comes with --engine torchsharp, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(engine);
        command.Options.Add(device);
        command.Validators.Add(result =>
        {
            // A validator sees null for an option that was not given (defaults are not applied yet).
            if (result.GetValue(device) is { Length: > 0 } name && name != "cpu" && result.GetValue(engine) != TorchSharpEngine.EngineName)
            {
                result.AddError($"Option '--device {name}' needs '--engine {TorchSharpEngine.EngineName}': the managed engine runs on the CPU only.");
            }
        });
    }

    /// <summary>The engine the options name.</summary>
    /// <exception cref="ArgumentException">--device is not cpu, cuda or cuda:N (the message names it).</exception>
    public Seq2SeqEngine Create(ParseResult parseResult) =>
        parseResult.GetRequiredValue(engine) == TorchSharpEngine.EngineName
            ? CreateTorchSharp(parseResult.GetRequiredValue(device))
            : Seq2SeqEngine.Managed;

    /// <summary>Kept out of line so that TorchSharp's assembly loads only when this engine is picked.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Seq2SeqEngine CreateTorchSharp(string device) => new TorchSharpEngine(device);
}
