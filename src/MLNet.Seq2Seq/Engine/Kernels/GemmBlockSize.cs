namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// A compile-time count used as a generic argument, so that each micro-kernel instantiation is specialised by the JIT
/// (the unused accumulators and their branches are removed).
/// </summary>
internal interface IGemmBlockSize
{
    /// <summary>The count.</summary>
    static abstract int Value { get; }
}

/// <summary>Block size 1.</summary>
internal readonly struct GemmBlock1 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 1;
}

/// <summary>Block size 2.</summary>
internal readonly struct GemmBlock2 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 2;
}

/// <summary>Block size 3.</summary>
internal readonly struct GemmBlock3 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 3;
}

/// <summary>Block size 4.</summary>
internal readonly struct GemmBlock4 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 4;
}

/// <summary>Block size 5.</summary>
internal readonly struct GemmBlock5 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 5;
}

/// <summary>Block size 6.</summary>
internal readonly struct GemmBlock6 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 6;
}

/// <summary>Block size 7.</summary>
internal readonly struct GemmBlock7 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 7;
}

/// <summary>Block size 8.</summary>
internal readonly struct GemmBlock8 : IGemmBlockSize
{
    /// <inheritdoc/>
    public static int Value => 8;
}
