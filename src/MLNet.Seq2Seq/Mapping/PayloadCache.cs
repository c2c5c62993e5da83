using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// Decodes each payload once: a loaded model hands the same payload text to every row, so the decoded state is kept
/// per text object (weakly, so it goes with the model). A step fitted in this process registers its own state under
/// its payload, so it never decodes at all.
/// </summary>
/// <typeparam name="TState">What a payload decodes to.</typeparam>
internal sealed class PayloadCache<TState>(Func<ReadOnlyMemory<char>, TState> decode)
    where TState : class
{
    private readonly ConditionalWeakTable<object, Entry> entries = [];

    /// <summary>Makes <paramref name="payload"/> decode to <paramref name="state"/>.</summary>
    public void Register(string payload, TState state) => entries.AddOrUpdate(payload, new Entry(0, payload.Length, state));

    /// <summary>The state of <paramref name="payload"/>, decoded on first use.</summary>
    public TState Get(ReadOnlyMemory<char> payload)
    {
        (object? owner, int start) = MemoryMarshal.TryGetString(payload, out string? text, out int offset, out _) ? ((object?)text, offset)
            : MemoryMarshal.TryGetArray(payload, out ArraySegment<char> segment) ? (segment.Array, segment.Offset)
            : (null, 0);
        if (owner is null)
        {
            return decode(payload);
        }

        if (entries.TryGetValue(owner, out Entry? entry) && entry.Start == start && entry.Length == payload.Length)
        {
            return entry.State;
        }

        var decoded = new Entry(start, payload.Length, decode(payload));
        entries.AddOrUpdate(owner, decoded);
        return decoded.State;
    }

    private sealed record Entry(int Start, int Length, TState State);
}
