using System.Text.Json.Serialization;

namespace Delivery.Workflows.Approvals;

/// <summary>How an approval step or gate ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalOutcome>))]
public enum ApprovalOutcome
{
    Approved,
    Rejected,
    ChangesRequested,
    Withdrawn,

    /// <summary>The step was closed without a decision because a parallel step rejected or asked for changes.</summary>
    Cancelled,
}
