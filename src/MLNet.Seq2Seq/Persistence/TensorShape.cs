namespace MLNet.Seq2Seq.Persistence;

/// <summary>Arithmetic and formatting for tensor shapes as stored in a model file.</summary>
internal static class TensorShape
{
    /// <summary>
    /// The number of elements of a tensor with <paramref name="shape"/>: the product of its dimensions, 1 for rank 0.
    /// Throws <see cref="ArgumentException"/> for a negative dimension and <see cref="OverflowException"/> past <see cref="long.MaxValue"/>.
    /// </summary>
    public static long ElementCount(IReadOnlyList<int> shape)
    {
        long count = 1;
        for (int axis = 0; axis < shape.Count; axis++)
        {
            if (shape[axis] < 0)
            {
                throw new ArgumentException($"Dimension {axis} of shape {Format(shape)} is negative.", nameof(shape));
            }

            count = checked(count * shape[axis]);
        }

        return count;
    }

    /// <summary>Formats a shape the way messages and docs show it, e.g. <c>[2, 3]</c>.</summary>
    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Whether two shapes have the same rank and dimensions.</summary>
    public static bool AreEqual(IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (int axis = 0; axis < left.Count; axis++)
        {
            if (left[axis] != right[axis])
            {
                return false;
            }
        }

        return true;
    }
}
