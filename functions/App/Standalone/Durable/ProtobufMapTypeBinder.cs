using DurableTask.AzureStorage;

namespace Delivery.Functions.App.Standalone.Durable;

/// <summary>
/// Writes the sidecar's protobuf tag maps into Azure Storage queue messages as plain dictionaries.
/// </summary>
/// <remarks>
/// The sidecar hands sub-orchestration starts to the provider with their tags still in a
/// <c>Google.Protobuf.Collections.MapField&lt;string, string&gt;</c>. The provider writes a type name for every
/// non-DurableTask object and resolves it on read without an assembly name, which fails for Google.Protobuf, so
/// the message is abandoned and retried for ever and blocks its control-queue partition. Naming any string map as
/// <see cref="Dictionary{TKey, TValue}"/> (the JSON is the same) makes the message readable; reading also accepts the
/// protobuf name so a message written before this binder existed still loads.
/// </remarks>
internal sealed class ProtobufMapTypeBinder : ICustomTypeBinder
{
    private const string ProtobufMapTypeName = "Google.Protobuf.Collections.MapField`2";

    public void BindToName(Type serializedType, out string? assemblyName, out string typeName)
    {
        // Same as the provider's default (type full name, no assembly) except for protobuf maps.
        assemblyName = null;
        typeName = IsProtobufMap(serializedType.FullName)
            ? typeof(Dictionary<string, string>).FullName!
            : serializedType.FullName!;
    }

    public Type BindToType(string? assemblyName, string typeName) =>
        IsProtobufMap(typeName)
            ? typeof(Dictionary<string, string>)
            : Type.GetType(typeName, throwOnError: true)!;

    private static bool IsProtobufMap(string? typeName) =>
        typeName is not null && typeName.StartsWith(ProtobufMapTypeName, StringComparison.Ordinal);
}
