using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>The JSON settings of model file entries: enums as names, required members and nullability enforced.</summary>
internal static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new JsonStringEnumConverter() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };
}
