using Delivery.Functions.App.Pages.Components;

namespace Delivery.Functions.RequestForm;

/// <summary>What a question page shows: the page, which entry of a list, the draft's answers and the page's errors.</summary>
public sealed record QuestionModel(string Slug, int Index, RequestDraft Draft, IReadOnlyDictionary<string, string> Errors, bool FromCheck, string FileHint)
{
    public string? Value(string field) => Draft[field];

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public string Action => RequestQuestions.Href(Slug, Index, FromCheck);

    /// <summary>The error summary: each message linking to the element it is about.</summary>
    public IReadOnlyDictionary<string, string> Summary => RequestQuestions.Summary(Errors);

    public static IReadOnlyList<Choice> Scores { get; } =
        [new("1", "1: very low"), new("2", "2: low"), new("3", "3: medium"), new("4", "4: high"), new("5", "5: very high")];
}

/// <summary>What check your answers shows: every answer, with the errors the intake would give if it were sent now.</summary>
public sealed record CheckAnswersModel(RequestDraft Draft, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>The error summary: each message linking to the question that answers it.</summary>
    public IReadOnlyDictionary<string, string> Summary => Errors
        .GroupBy(e => RequestQuestions.PageOf(e.Key), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
}

/// <summary>The confirmation: the project's reference.</summary>
public sealed record RequestSentModel(string ProjectId, string Title);
