namespace MLNet.Seq2Seq.Training;

/// <summary>
/// One mini-batch: training rows <c>Order[First .. First + Count)</c>, row i's sampling key <c>RowKeys[i]</c>, the
/// number of target tokens it scores (target keys plus an end key per row) and the epoch's teacher-forcing ratio.
/// </summary>
internal sealed record TrainingBatch(int[] Order, int First, int Count, ulong[] RowKeys, int Tokens, float TeacherForcingRatio)
{
    /// <summary>The batch's training row indices.</summary>
    public ReadOnlySpan<int> Rows => Order.AsSpan(First, Count);
}
