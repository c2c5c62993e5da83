using System.CommandLine;
using System.Runtime.CompilerServices;
using MLNet.Seq2Seq.TorchSharp;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// <c>seq2seq train</c>'s engine options: <c>--engine managed|torchsharp</c> (default managed) and
/// <c>--device cpu|cuda|cuda:N</c> (default cpu; anything but cpu needs --engine torchsharp). TorchSharp and libtorch
/// load only when the TorchSharp engine is picked.
/// </summary>
internal static class EngineFlags
{
    public static readonly Option<string> Engine = CliOptions.Choice("--engine", "The engine that trains the network (the model it writes serves with the managed engine either way).", "managed", TorchSharpEngine.EngineName);

    public static readonly Option<string> Device = new("--device")
    {
        Description = "Where the torchsharp engine computes: cpu, cuda (the current CUDA device) or cuda:N.",
        HelpName = "cpu|cuda|cuda:N",
        DefaultValueFactory = _ => "cpu",
    };

    /// <summary>Adds the options, and the check that --device other than cpu comes with --engine torchsharp, to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(Engine);
        command.Options.Add(Device);
        command.Validators.Add(result =>
        {
            // A validator sees null for an option that was not given (defaults are not applied yet).
            if (result.GetValue(Device) is { Length: > 0 } device && device != "cpu" && result.GetValue(Engine) != TorchSharpEngine.EngineName)
            {
                result.AddError($"Option '--device {device}' needs '--engine {TorchSharpEngine.EngineName}': the managed engine runs on the CPU only.");
            }
        });
    }

    /// <summary>The engine the options name.</summary>
    /// <exception cref="ArgumentException">--device is not cpu, cuda or cuda:N (the message names it).</exception>
    public static Seq2SeqEngine Create(ParseResult parseResult) =>
        parseResult.GetRequiredValue(Engine) == TorchSharpEngine.EngineName
            ? CreateTorchSharp(parseResult.GetRequiredValue(Device))
            : Seq2SeqEngine.Managed;

    /// <summary>Kept out of line so that TorchSharp's assembly loads only when this engine is picked.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Seq2SeqEngine CreateTorchSharp(string device) => new TorchSharpEngine(device);
}
