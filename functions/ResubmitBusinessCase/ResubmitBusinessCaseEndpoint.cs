using Delivery.Functions.SubmitBusinessCase;

namespace Delivery.Functions.ResubmitBusinessCase;

/// <summary>
/// <c>POST /api/projects/{id}/business-case/resubmit</c>: after an approver asked for changes, the edited draft becomes
/// the next version and its gate starts again; earlier rounds stay on record. The checks and the versioning are those
/// of a first submission, so it shares <see cref="SubmitBusinessCaseEndpoint.HandleAsync"/>.
/// </summary>
public static class ResubmitBusinessCaseEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/projects/{id}/business-case/resubmit", SubmitBusinessCaseEndpoint.HandleAsync).DisableAntiforgery();
}
