namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>Reusable scratch arrays that only ever grow, so steady-state passes allocate nothing.</summary>
internal static class Buffers
{
    /// <summary><paramref name="buffer"/> when it holds at least <paramref name="length"/> items, else a new array of that length.</summary>
    public static T[] Grow<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[length];
}
