using System.Reflection;

namespace MLNet.Seq2Seq.Data;

/// <summary>
/// A public field or property of a row class mapped to a column: strings become text, numbers and booleans stay,
/// arrays of those become variable-size vectors. Reading a column also accepts keys into <see cref="uint"/> members
/// and fixed-size vectors into arrays.
/// </summary>
internal sealed class ObjectMember
{
    private static readonly Dictionary<Type, PrimitiveDataViewType> ScalarTypes = new()
    {
        [typeof(string)] = TextDataViewType.Instance,
        [typeof(float)] = NumberDataViewType.Single,
        [typeof(double)] = NumberDataViewType.Double,
        [typeof(int)] = NumberDataViewType.Int32,
        [typeof(uint)] = NumberDataViewType.UInt32,
        [typeof(long)] = NumberDataViewType.Int64,
        [typeof(bool)] = BooleanDataViewType.Instance,
    };

    private readonly MemberInfo _member;

    private ObjectMember(MemberInfo member, Type memberType, string columnName, DataViewType columnType)
    {
        _member = member;
        MemberType = memberType;
        ColumnName = columnName;
        ColumnType = columnType;
    }

    /// <summary>The member name as declared.</summary>
    public string MemberName => _member.Name;

    /// <summary>The column name: the member name, or its <see cref="ColumnNameAttribute"/>.</summary>
    public string ColumnName { get; }

    /// <summary>The column type the member naturally maps to.</summary>
    public DataViewType ColumnType { get; }

    /// <summary>The member's .NET type.</summary>
    public Type MemberType { get; }

    /// <summary>The member's attribute of type <typeparamref name="TAttribute"/>, if any.</summary>
    public TAttribute? GetAttribute<TAttribute>()
        where TAttribute : Attribute => _member.GetCustomAttribute<TAttribute>();

    /// <summary>The mapped members of <paramref name="type"/> that can be read (<paramref name="forWriting"/> false) or written.</summary>
    /// <exception cref="InvalidOperationException">A member has a type no column can hold.</exception>
    public static IReadOnlyList<ObjectMember> Of(Type type, bool forWriting)
    {
        var members = new List<ObjectMember>();
        foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance))
        {
            Type memberType;
            switch (member)
            {
                case FieldInfo field when !field.IsInitOnly || !forWriting:
                    memberType = field.FieldType;
                    break;
                case PropertyInfo property when property.GetIndexParameters().Length == 0
                    && (forWriting ? property.SetMethod?.IsPublic == true : property.GetMethod?.IsPublic == true):
                    memberType = property.PropertyType;
                    break;
                default:
                    continue;
            }

            if (member.GetCustomAttribute<NoColumnAttribute>() is not null)
            {
                continue;
            }

            DataViewType columnType = ColumnTypeOf(memberType)
                ?? throw new InvalidOperationException(
                    $"Member '{type.Name}.{member.Name}' has type {memberType.Name}; columns can hold string, float, double, int, uint, long, bool and arrays of these (mark other members [NoColumn]).");
            string columnName = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            members.Add(new ObjectMember(member, memberType, columnName, columnType));
        }

        return members;
    }

    /// <summary>Reads the member's value as the raw value of <see cref="ColumnType"/>.</summary>
    public object GetRawValue(object row)
    {
        object? value = _member is FieldInfo field ? field.GetValue(row) : ((PropertyInfo)_member).GetValue(row);
        return value switch
        {
            string text => text.AsMemory(),
            null when MemberType == typeof(string) => ReadOnlyMemory<char>.Empty,
            string[] texts => new VBuffer<ReadOnlyMemory<char>>(texts.Length, [.. texts.Select(t => (t ?? string.Empty).AsMemory())]),
            Array array => ToVBuffer(array),
            null => Activator.CreateInstance(ColumnType.RawType)!,
            _ => value,
        };
    }

    /// <summary>Whether a column of <paramref name="columnType"/> can be written into this member.</summary>
    public bool CanReceive(DataViewType columnType)
    {
        Type itemType = MemberType.IsArray ? MemberType.GetElementType()! : MemberType;
        DataViewType? columnItem = columnType is VectorDataViewType vector ? vector.ItemType : columnType;
        if (MemberType.IsArray != columnType is VectorDataViewType)
        {
            return false;
        }

        Type expected = itemType == typeof(string) ? typeof(ReadOnlyMemory<char>) : itemType;
        return columnItem.RawType == expected;
    }

    /// <summary>Stores a raw column value (of a type <see cref="CanReceive"/> accepted) into the member.</summary>
    public void SetRawValue(object row, object raw)
    {
        object value = raw switch
        {
            ReadOnlyMemory<char> text => text.ToString(),
            VBuffer<ReadOnlyMemory<char>> texts => texts.DenseValues().Select(t => t.ToString()).ToArray(),
            _ when raw.GetType().IsGenericType && raw.GetType().GetGenericTypeDefinition() == typeof(VBuffer<>) => FromVBuffer(raw),
            _ => raw,
        };
        if (_member is FieldInfo field)
        {
            field.SetValue(row, value);
        }
        else
        {
            ((PropertyInfo)_member).SetValue(row, value);
        }
    }

    private static DataViewType? ColumnTypeOf(Type memberType)
    {
        if (memberType.IsArray)
        {
            return ScalarTypes.TryGetValue(memberType.GetElementType()!, out PrimitiveDataViewType? item) ? new VectorDataViewType(item) : null;
        }

        return ScalarTypes.GetValueOrDefault(memberType);
    }

    private static object ToVBuffer(Array array)
    {
        Type itemType = array.GetType().GetElementType()!;
        Array copy = Array.CreateInstance(itemType, array.Length);
        Array.Copy(array, copy, array.Length);
        return Activator.CreateInstance(typeof(VBuffer<>).MakeGenericType(itemType), array.Length, copy)!;
    }

    private static Array FromVBuffer(object buffer)
    {
        Type bufferType = buffer.GetType();
        var method = typeof(ObjectMember).GetMethod(nameof(ToArray), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(bufferType.GetGenericArguments()[0]);
        return (Array)method.Invoke(null, [buffer])!;
    }

    private static T[] ToArray<T>(VBuffer<T> buffer) => buffer.GetValues().ToArray();
}
