using MLNet.Seq2Seq.Engine.Layers;
using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Luong-style global attention as in <see cref="AttentionLayer"/>, over any number of decoder steps at once:
/// scores of the top decoder states against the memory [Ts, B, H] (dot: h·m; general: h·(m·Wa); additive:
/// v·tanh(h·W1 + m·W2)), softmax over each row's real source positions (the others get exactly 0), context c = a·M,
/// attentional vector tanh([c; h]·Wc + bc). Parameters are in the managed layout.
/// </summary>
internal sealed class TorchAttention
{
    private readonly Tensor? keyWeight;
    private readonly Tensor? queryWeight;
    private readonly Tensor? scoreVector;
    private readonly Tensor outputWeight;
    private readonly Tensor outputBias;

    /// <summary>Creates the tensors of <paramref name="layer"/> on <paramref name="device"/> and maps them.</summary>
    public TorchAttention(AttentionLayer layer, Device device, ParameterMap map)
    {
        keyWeight = TorchNetwork.Create(layer.KeyWeight, device, map);
        queryWeight = TorchNetwork.Create(layer.QueryWeight, device, map);
        scoreVector = TorchNetwork.Create(layer.ScoreVector, device, map);
        outputWeight = TorchNetwork.Create(layer.OutputWeight, device, map)!;
        outputBias = TorchNetwork.Create(layer.OutputBias, device, map)!;
    }

    /// <summary>[B, Ts, H]: what the scores compare the decoder state with (the memory itself for dot), batch first.</summary>
    public Tensor Keys(Tensor memory) => (keyWeight is null ? memory : memory.matmul(keyWeight)).transpose(0, 1);

    /// <summary>
    /// From the top decoder states <paramref name="hidden"/> [T, B, H] to the attentional vectors [T, B, H] and the
    /// weights [B, T, Ts]; <paramref name="padding"/> [B, Ts] is true at positions at or past a row's source length.
    /// </summary>
    public (Tensor Attentional, Tensor Weights) Forward(Tensor hidden, Tensor memory, Tensor keys, Tensor padding)
    {
        var queries = hidden.transpose(0, 1);
        Tensor scores;
        if (scoreVector is null)
        {
            scores = queries.bmm(keys.transpose(1, 2));
        }
        else
        {
            var projected = queries.matmul(queryWeight!);
            scores = tanh(projected.unsqueeze(2) + keys.unsqueeze(1)).matmul(scoreVector);
        }

        var weights = scores.masked_fill(padding.unsqueeze(1), double.NegativeInfinity).softmax(-1);
        var context = weights.bmm(memory.transpose(0, 1)).transpose(0, 1);
        var attentional = tanh(cat([context, hidden], -1).matmul(outputWeight) + outputBias);
        return (attentional, weights);
    }
}
