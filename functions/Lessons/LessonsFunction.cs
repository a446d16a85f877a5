using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.ProjectLessons;
using Delivery.Workflows.Views;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Lessons;

/// <summary>What the lessons log page shows: the search as entered, what it found, and any errors in it.</summary>
public sealed record LessonsPageModel(LessonsQuery Query, LessonSearchResults? Results, IReadOnlyDictionary<string, string> Errors);

/// <summary>A lesson found by a search, with its project's title.</summary>
public sealed record LessonSearchHit(string ProjectTitle, LessonResponse Lesson);

/// <summary>
/// The lessons log across projects, for the next business case to learn from: <c>GET /api/lessons?category=…&amp;q=…</c>
/// (JSON) and the page <c>GET /api/lessons/page</c>, both for the delivery team and managers (like the portfolio).
/// Both read only the lessons view's partition, never every project's.
/// </summary>
public sealed class LessonsFunction(LessonsView lessons, PageRenderer pages)
{
    public const string SearchName = "SearchLessons";
    public const string PageName = "LessonsPage";

    /// <summary>The newest lessons shown; a narrower search finds older ones.</summary>
    public const int MaxResults = 100;

    [Function(SearchName)]
    public async Task<IResult> SearchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "lessons")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!req.HttpContext.User.IsStaff())
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "The lessons log is for the delivery team and managers.");
        }

        var (category, search, errors) = LessonsQuery.From(req.Query).Read();
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var found = await lessons.SearchAsync(category, search, MaxResults, cancellationToken);
        return TypedResults.Ok(new { lessons = found.Rows.Select(Hit).ToList(), more = found.More });
    }

    [Function(PageName)]
    [SignInPage]
    public async Task<IResult> PageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "lessons/page")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!req.HttpContext.User.IsStaff())
        {
            return await pages.MessageAsync(req.HttpContext, new("You cannot see the lessons log", "The lessons log is for the delivery team and managers. Your own requests are in My tasks."), StatusCodes.Status403Forbidden);
        }

        var query = LessonsQuery.From(req.Query);
        var (category, search, errors) = query.Read();
        if (errors.Count > 0)
        {
            return await pages.PageAsync<LessonsPage, LessonsPageModel>(req.HttpContext, new LessonsPageModel(query, null, errors), StatusCodes.Status400BadRequest);
        }

        var found = await lessons.SearchAsync(category, search, MaxResults, cancellationToken);
        return await pages.PageAsync<LessonsPage, LessonsPageModel>(req.HttpContext, new LessonsPageModel(query, found, errors));
    }

    private static LessonSearchHit Hit(LessonRow row) => new(row.ProjectTitle, new LessonResponse(
        row.ProjectId, row.LessonId, row.Category, row.WhatHappened, row.Recommendation, row.Outcome, row.Version, string.Empty, row.RecordedAt));
}
