using System.Text.RegularExpressions;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>
/// What an assessment form shows: the project, the assessment (none while it is being asked for), the directory's
/// people, the fields as sent and their errors, each keyed by the form field's id (<c>results-3-met</c>).
/// </summary>
public sealed partial record AssessmentFormModel(
    ProjectDocument Project, string AssessmentId, ServiceAssessment? Assessment, IReadOnlyList<Approver> People, IReadOnlyList<ServiceAssessment> Earlier,
    IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public string ProjectPath => $"/api/projects/{Uri.EscapeDataString(Project.ProjectId)}";

    /// <summary>The API's field names as the form's ids: <c>results[3].met</c> is <c>results-3-met</c>.</summary>
    public static Dictionary<string, string> FormErrors(IReadOnlyDictionary<string, string[]> api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, messages) in api)
        {
            errors.TryAdd(IdOf(field), messages[0]);
        }

        return errors;
    }

    public static string IdOf(string apiField) => Index().Replace(apiField, "-$1-").TrimEnd('-').Replace("--", "-", StringComparison.Ordinal).Replace('.', '-');

    /// <summary>The error summary's links: a date's error goes to its day field.</summary>
    public IReadOnlyDictionary<string, string> Summary(params string[] dates) =>
        Errors.ToDictionary(e => dates.Contains(e.Key) ? e.Key + "-day" : e.Key, e => e.Value);

    [GeneratedRegex(@"\[(\d+)\]\.?")]
    private static partial Regex Index();
}
