namespace MLNet.Seq2Seq.Data;

/// <summary>The schema of a row class: one column per readable mapped member, in declaration order.</summary>
internal static class ObjectSchema
{
    /// <summary>The readable members of <typeparamref name="TRow"/> and the schema they form.</summary>
    public static (IReadOnlyList<ObjectMember> Members, DataViewSchema Schema) ForReading<TRow>()
    {
        IReadOnlyList<ObjectMember> members = ObjectMember.Of(typeof(TRow), forWriting: false);
        var builder = new DataViewSchema.Builder();
        foreach (ObjectMember member in members)
        {
            builder.AddColumn(member.ColumnName, member.ColumnType);
        }

        return (members, builder.ToSchema());
    }

    /// <summary>
    /// Pairs each writable member of <typeparamref name="TRow"/> with the visible column of the same name.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A member has no column, or one of a type it cannot hold.</exception>
    public static IReadOnlyList<(ObjectMember Member, DataViewSchema.Column Column)> BindForWriting<TRow>(DataViewSchema schema)
    {
        var pairs = new List<(ObjectMember, DataViewSchema.Column)>();
        foreach (ObjectMember member in ObjectMember.Of(typeof(TRow), forWriting: true))
        {
            DataViewSchema.Column column = schema.GetColumnOrNull(member.ColumnName)
                ?? throw new ArgumentOutOfRangeException(
                    nameof(schema), $"{typeof(TRow).Name}.{member.MemberName} needs column '{member.ColumnName}', which the data does not have. Available columns: {schema}.");
            if (!member.CanReceive(column.Type))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(schema), $"Column '{column.Name}' has type {column.Type}, which {typeof(TRow).Name}.{member.MemberName} of type {member.MemberType.Name} cannot hold.");
            }

            pairs.Add((member, column));
        }

        return pairs;
    }
}
