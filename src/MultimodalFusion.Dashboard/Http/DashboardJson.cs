using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>The one JSON shape of the dashboard's API: camelCase names, enums as camelCase strings.</summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}
