using MLNet.Seq2Seq.Engine.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// One layer of the network as a one-layer libtorch nn.LSTM or nn.GRU (both directions when bidirectional), so that
/// every layer's final state is at hand; its weights are registered in a <see cref="ParameterMap"/> against the managed
/// layer(s) they stand for. States are [directions, B, H]; a GRU has no cell state (null).
/// </summary>
internal sealed class RecurrentModule : IDisposable
{
    private readonly LSTM? lstm;
    private readonly GRU? gru;

    /// <summary>
    /// Creates the module for <paramref name="forward"/> (and <paramref name="backward"/>, the reverse direction of a
    /// bidirectional layer) with input width D + S, and maps its weights.
    /// </summary>
    public RecurrentModule(IRecurrentLayer forward, IRecurrentLayer? backward, Device device, ParameterMap map)
    {
        int input = forward.InputSize + forward.StaticSize, hidden = forward.HiddenSize;
        bool bidirectional = backward is not null;
        nn.Module module = forward.HasCell
            ? lstm = nn.LSTM(input, hidden, bidirectional: bidirectional, device: device)
            : gru = nn.GRU(input, hidden, bidirectional: bidirectional, device: device);
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        Register(forward, "_l0", parameters, map);
        if (backward is not null)
        {
            Register(backward, "_l0_reverse", parameters, map);
        }
    }

    /// <summary>Runs over a padded [T, B, D + S] input from the given states (null: zeros); every step runs for every row.</summary>
    public (Tensor Output, Tensor Hidden, Tensor? Cell) Run(Tensor input, Tensor? h0, Tensor? c0)
    {
        if (lstm is not null)
        {
            var (output, h, c) = lstm.call(input, h0 is null ? null : (h0, c0 ?? zeros_like(h0)));
            return (output, h, c);
        }

        var (gruOutput, gruHidden) = gru!.call(input, h0);
        return (gruOutput, gruHidden, null);
    }

    /// <summary>
    /// Runs over a packed sequence from zero states: each row stops after its own length (and the reverse direction
    /// starts at its last real token), so the final states are each row's own.
    /// </summary>
    public (PackedSequence Output, Tensor Hidden, Tensor? Cell) Run(PackedSequence input)
    {
        if (lstm is not null)
        {
            var (output, h, c) = lstm.call(input);
            return (output, h, c);
        }

        var (gruOutput, gruHidden) = gru!.call(input);
        return (gruOutput, gruHidden, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lstm?.Dispose();
        gru?.Dispose();
    }

    private static void Register(IRecurrentLayer layer, string suffix, Dictionary<string, Tensor> parameters, ParameterMap map)
    {
        var (inputWeight, hiddenWeight, inputBias, hiddenBias) = ParameterIndices.Recurrent(layer);
        map.Add(parameters["weight_ih" + suffix], inputWeight);
        map.Add(parameters["weight_hh" + suffix], hiddenWeight);
        map.Add(parameters["bias_ih" + suffix], inputBias);
        map.Add(parameters["bias_hh" + suffix], hiddenBias);
    }
}
