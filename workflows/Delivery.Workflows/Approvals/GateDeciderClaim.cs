using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Approvals;

/// <summary>
/// "This person decides this step of this gate", written (create-only) before their decision. Its id is derived from
/// the gate and the person, so two decisions by one person on two steps of a gate cannot both be recorded, even at
/// the same instant: the second create finds the first (409) naming another step. Needed because the local Cosmos DB
/// server and the design avoid transactional batches; one document's create is the atomic step.
/// </summary>
public sealed record GateDeciderClaim : IProjectDocument<GateDeciderClaim>
{
    public const string DocumentType = "gate-decider";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string GateId { get; init; }

    public required string StepId { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public GateDeciderClaim WithETag(string? etag) => this with { ETag = etag };

    /// <summary>Four <c>~</c>-separated parts, so it is never mistaken for a step id; the person only as a hash.</summary>
    public static string IdFor(string projectId, string gateId, string userId) =>
        $"{projectId}~{gateId}~decider~{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId.ToUpperInvariant())))[..32]}";

    public static GateDeciderClaim For(ApprovalStepDocument step, string userId)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new GateDeciderClaim { Id = IdFor(step.ProjectId, step.GateId, userId), ProjectId = step.ProjectId, GateId = step.GateId, StepId = step.Id };
    }
}
