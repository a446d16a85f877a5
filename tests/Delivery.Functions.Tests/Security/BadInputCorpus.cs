using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Security;

/// <summary>
/// One bad request: who sends it, where, what, and the client error it must get (with the field it must name, when
/// it is a field's fault). Paths use <c>{project}</c> (a project waiting for its business case) and <c>{step}</c>
/// (an approval step waiting for line-lee).
/// </summary>
public sealed record BadInput(string Name, string Person, string Method, string Path, Func<HttpContent?> Content, int Status, string? Field = null);

/// <summary>
/// A corpus of more than a hundred bad inputs to every write route: types, bounds, encodings, charsets, sizes and
/// field names. Written to be read: each case says what is wrong with it.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>Limits the corpus app runs with, small so that size cases stay small.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int MaxRequestBytes = 256 * 1024;

    public static IReadOnlyList<BadInput> All(string tag) =>
        [.. Intake(tag), .. BusinessCase(), .. Submission(), .. Decision(), .. Delegation(), .. Withdrawal(), .. DecisionPage()];

    public static IEnumerable<BadInput> Intake(string tag)
    {
        // Each intake case's request is otherwise valid and carries this tag in its title, so an email sent for one would be found.
        ProjectRequestBuilder Valid() => new ProjectRequestBuilder().With("title", $"Corpus {tag}");
        BadInput Json(string name, ProjectRequestBuilder request, int status, string? field = null) =>
            new(name, "rita", "POST", "/api/projects", () => request.ToJsonContent(), status, field);
        BadInput Raw(string name, string json, int status, string? field = null) =>
            new(name, "rita", "POST", "/api/projects", () => Text(json, "application/json"), status, field);
        BadInput WithRaw(string name, string path, string rawValue, string field) =>
            Raw(name, Valid().With(path, "__RAW__").Json.ToJsonString().Replace("\"__RAW__\"", rawValue, StringComparison.Ordinal), 400, field);
        BadInput Form(string name, string extraName, string extraValue, int status = 400, string? field = null)
        {
            var fields = Valid().ToFormFields();
            fields[extraName] = extraValue;
            return new(name, "rita", "POST", "/api/projects", () => new FormUrlEncodedContent(fields), status, field ?? extraName);
        }

        var valid = Valid().Json.ToJsonString();
        return
        [
            new("intake as text/plain", "rita", "POST", "/api/projects", () => Text(valid, "text/plain"), 415),
            new("intake as XML", "rita", "POST", "/api/projects", () => Text("<project/>", "application/xml"), 415),
            new("intake with no content type", "rita", "POST", "/api/projects", () => new ByteArrayContent(Encoding.UTF8.GetBytes(valid)), 415),
            new("intake JSON in Latin-1", "rita", "POST", "/api/projects", () => Text(valid, "application/json; charset=iso-8859-1"), 415),
            new("intake JSON in UTF-16", "rita", "POST", "/api/projects", () => Text(valid, "application/json; charset=utf-16"), 415),
            new("intake form in Windows-1252", "rita", "POST", "/api/projects", () => Text("title=x", "application/x-www-form-urlencoded; charset=windows-1252"), 415),
            new("intake multipart in Latin-1", "rita", "POST", "/api/projects", () => Text("--b\r\n\r\n--b--", "multipart/form-data; boundary=b; charset=latin1"), 415),
            new("intake JSON with invalid UTF-8", "rita", "POST", "/api/projects", () => Bytes(InvalidUtf8Json(valid), "application/json"), 400, "body"),
            new("intake form with invalid UTF-8 bytes", "rita", "POST", "/api/projects", () => Bytes([.. "title="u8, 0xC3, 0x28], "application/x-www-form-urlencoded"), 400, "body"),
            new("intake form with a percent-encoded byte that is not UTF-8", "rita", "POST", "/api/projects",
                () => Text(EncodedForm(Valid().With("description", null).ToFormFields()) + "&description=caf%E9", "application/x-www-form-urlencoded"), 400, "description"),
            Raw("intake JSON cut short", "{\"title\": ", 400),
            Raw("intake JSON array", "[1, 2]", 400),
            Raw("intake JSON string", "\"a project\"", 400),
            Raw("intake JSON null", "null", 400),
            Raw("intake empty JSON body", string.Empty, 400),
            Raw("intake JSON nested 100 deep", new string('[', 100) + new string(']', 100), 400),
            WithRaw("intake capital 1e400", "estimatedCost.capital", "1e400", "estimatedCost.capital"),
            WithRaw("intake capital 1e30", "estimatedCost.capital", "1e30", "estimatedCost.capital"),
            WithRaw("intake capital over £1bn", "estimatedCost.capital", "1000000001", "estimatedCost.capital"),
            WithRaw("intake capital negative", "estimatedCost.capital", "-5", "estimatedCost.capital"),
            WithRaw("intake capital a word", "estimatedCost.capital", "\"lots\"", "estimatedCost.capital"),
            WithRaw("intake capital to a tenth of a penny", "estimatedCost.capital", "12.345", "estimatedCost.capital"),
            WithRaw("intake revenue true", "estimatedCost.revenue", "true", "estimatedCost.revenue"),
            WithRaw("intake revenue an object", "estimatedCost.revenue", "{\"a\": 1}", "estimatedCost.revenue"),
            Json("intake start in 9999", Valid().With("targetStart", "9999-12-31"), 400, "targetStart"),
            Json("intake end in 2200", Valid().With("targetEnd", "2200-01-01"), 400, "targetEnd"),
            Json("intake start 30 February", Valid().With("targetStart", "2027-02-30"), 400, "targetStart"),
            Json("intake benefit in year 1", Valid().With("benefits[0].date", "0001-01-01"), 400, "benefits[0].date"),
            Json("intake risk probability 0", Valid().With("risks[0].probability", 0), 400, "risks[0].probability"),
            Json("intake risk probability 6", Valid().With("risks[0].probability", 6), 400, "risks[0].probability"),
            Json("intake risk probability 1e10", Valid().With("risks[0].probability", 1e10), 400, "risks[0].probability"),
            Json("intake risk impact -1", Valid().With("risks[0].impact", -1), 400, "risks[0].impact"),
            Json("intake risk impact a word", Valid().With("risks[0].impact", "high"), 400, "risks[0].impact"),
            Json("intake title 151 characters", Valid().With("title", new string('t', 151)), 400, "title"),
            Json("intake description 4001 characters", Valid().With("description", new string('d', 4001)), 400, "description"),
            Json("intake 51 risks", Valid().With("risks", Repeat(51, () => new JsonObject { ["description"] = "r", ["probability"] = 1, ["impact"] = 1 })), 400, "risks"),
            Json("intake 51 benefits", Valid().With("benefits", Repeat(51, () => (JsonObject)Valid().Json["benefits"]![0]!.DeepClone())), 400, "benefits"),
            Json("intake category a number", Valid().With("category", "1"), 400, "category"),
            Json("intake category unknown", Valid().With("category", "space-programme"), 400, "category"),
            Json("intake sponsor email malformed", Valid().With("sponsor.email", "hana@"), 400, "sponsor.email"),
            Json("intake key with a space", Valid().With("bad key", 1), 400, "bad key"),
            Json("intake benefits nested in a list", Valid().With("benefits", new JsonArray(new JsonArray(new JsonObject { ["measure"] = "m" }))), 400, "benefits[0][0].measure"),
            Form("intake form index a word", "benefits[abc].measure", "m"),
            Form("intake form index not closed", "benefits[", "m"),
            Form("intake form bracket at the end", "a[", "m"),
            Form("intake form index beyond int", "benefits[99999999999].measure", "m"),
            Form("intake form index 1000", "benefits[1000].measure", "m"),
            Form("intake form negative index", "risks[-1].impact", "3"),
            Form("intake form two indexes", "benefits[0][1].measure", "m"),
            Form("intake form name with a space", "ti tle", "x"),
            Form("intake form name with a leading dot", ".title", "x"),
            Form("intake form name with two dots", "sponsor..email", "x"),
            Form("intake form name with a control character", "title\u0001", "x", 400, "title?"),
            new("intake form field sent twice", "rita", "POST", "/api/projects",
                () => new FormUrlEncodedContent([.. Valid().ToFormFields(), new KeyValuePair<string, string>("title", "again")]), 400, "title"),
            Json("intake attachment not base64", Valid().With("attachments", new JsonArray(new JsonObject { ["fileName"] = "a.pdf", ["contentType"] = "application/pdf", ["content"] = "***" })), 400, "attachments[0].content"),
            Json("intake attachment of a forbidden type", Valid().With("attachments", new JsonArray(new JsonObject { ["fileName"] = "a.exe", ["contentType"] = "application/x-msdownload", ["content"] = "TVo=" })), 400, "attachments[0].contentType"),
            Json("intake larger than the limit", Valid().With("description", new string('d', MaxRequestBytes)), 413),
        ];
    }

    public static IEnumerable<BadInput> BusinessCase()
    {
        const string path = "/api/projects/{project}/business-case";
        BadInput Put(string name, string json, int status = 400, string? field = null, string contentType = "application/json") =>
            new(name, "rita", "PUT", path, () => Text(json, contentType), status, field);
        string Years(string rows) => $"{{\"financial\": {{\"years\": [{rows}]}}}}";
        string Year(string capital = "0", string revenue = "0", string year = "\"2026/27\"") => $"{{\"year\": {year}, \"capital\": {capital}, \"revenue\": {revenue}}}";
        string Management(string member, string item) => $"{{\"management\": {{\"{member}\": [{item}]}}}}";

        return
        [
            Put("case as text/plain", "{}", 415, contentType: "text/plain"),
            Put("case as a form", "strategic=x", 415, contentType: "application/x-www-form-urlencoded"),
            Put("case in Latin-1", "{}", 415, contentType: "application/json; charset=iso-8859-1"),
            Put("case in an unknown charset", "{}", 415, contentType: "application/json; charset=klingon"),
            new("case with invalid UTF-8", "rita", "PUT", path, () => Bytes([.. "{\"strategic\": {\"caseForChange\": \""u8, 0xFF, 0xFE, .. "\"}}"u8], "application/json"), 400, "body"),
            Put("case JSON cut short", "{\"strategic\": {", 400, "body"),
            Put("case JSON array", "[]", 400, "body"),
            Put("case JSON string", "\"my case\"", 400, "body"),
            Put("case empty body", string.Empty, 400, "body"),
            Put("case JSON null", "null", 400, "body"),
            Put("case nested 100 deep", "{\"strategic\": " + new string('[', 100) + new string(']', 100) + "}", 400),
            Put("case capital 1e400", Years(Year(capital: "1e400")), 400, "financial.years[0].capital"),
            Put("case capital 1e29", Years(Year(capital: "1e29")), 400, "financial.years[0].capital"),
            Put("case capital 1e20", Years(Year(capital: "1e20")), 400, "financial.years[0].capital"),
            Put("case capital negative", Years(Year(capital: "-1")), 400, "financial.years[0].capital"),
            Put("case capital to a tenth of a penny", Years(Year(capital: "0.001")), 400, "financial.years[0].capital"),
            Put("case revenue a word", Years(Year(revenue: "\"lots\"")), 400, "financial.years[0].revenue"),
            Put("case total over the limit", Years(Year(capital: "600000000") + "," + Year(capital: "600000000", year: "\"2027/28\"")), 400, "financial.years"),
            Put("case year without its end", Years(Year(year: "\"2026\"")), 400, "financial.years[0].year"),
            Put("case year 1800/01", Years(Year(year: "\"1800/01\"")), 400, "financial.years[0].year"),
            Put("case year 2126/27", Years(Year(year: "\"2126/27\"")), 400, "financial.years[0].year"),
            Put("case year that spans two years", Years(Year(year: "\"2026/28\"")), 400, "financial.years[0].year"),
            Put("case year a number", Years(Year(year: "2026")), 400, "financial.years[0].year"),
            Put("case same year twice", Years(Year() + "," + Year()), 400, "financial.years[1].year"),
            Put("case 51 years", Years(string.Join(",", Enumerable.Range(2020, 51).Select(y => Year(year: $"\"{y}/{(y + 1) % 100:00}\"")))), 400, "financial.years"),
            Put("case empty year", Years("null"), 400, "financial.years[0]"),
            Put("case years a string", "{\"financial\": {\"years\": \"all of them\"}}", 400, "financial.years"),
            Put("case strategic a number", "{\"strategic\": 5}", 400, "strategic"),
            Put("case case for change too long", $"{{\"strategic\": {{\"caseForChange\": \"{new string('c', 10_001)}\"}}}}", 400, "strategic.caseForChange"),
            Put("case option cost 1e400", "{\"economic\": {\"options\": [{\"name\": \"a\", \"description\": \"b\", \"cost\": 1e400}]}}", 400, "economic.options[0].cost"),
            Put("case option cost over £1bn", "{\"economic\": {\"options\": [{\"name\": \"a\", \"description\": \"b\", \"cost\": 2000000000}]}}", 400, "economic.options[0].cost"),
            Put("case option name too long", $"{{\"economic\": {{\"options\": [{{\"name\": \"{new string('n', 201)}\", \"description\": \"b\", \"cost\": 1}}]}}}}", 400, "economic.options[0].name"),
            Put("case preferred option too long", $"{{\"economic\": {{\"preferredOption\": \"{new string('p', 201)}\"}}}}", 400, "economic.preferredOption"),
            Put("case milestone in 9999", Management("milestones", "{\"name\": \"m\", \"date\": \"9999-01-01\"}"), 400, "management.milestones[0].date"),
            Put("case milestone date British style", Management("milestones", "{\"name\": \"m\", \"date\": \"31/12/2027\"}"), 400, "management.milestones[0].date"),
            Put("case risk probability 9", Management("risks", "{\"description\": \"r\", \"probability\": 9, \"impact\": 1}"), 400, "management.risks[0].probability"),
            Put("case risk probability 1e10", Management("risks", "{\"description\": \"r\", \"probability\": 1e10, \"impact\": 1}"), 400, "management.risks[0].probability"),
            Put("case risk impact negative", Management("risks", "{\"description\": \"r\", \"probability\": 1, \"impact\": -2}"), 400, "management.risks[0].impact"),
            Put("case benefit owner too long", Management("benefits", $"{{\"measure\": \"m\", \"baseline\": \"1\", \"target\": \"2\", \"date\": \"2027-09-01\", \"owner\": \"{new string('o', 201)}\"}}"), 400, "management.benefits[0].owner"),
            Put("case benefit in year 1", Management("benefits", "{\"measure\": \"m\", \"baseline\": \"1\", \"target\": \"2\", \"date\": \"0001-01-02\", \"owner\": \"o\"}"), 400, "management.benefits[0].date"),
            Put("case 51 milestones", Management("milestones", string.Join(",", Enumerable.Repeat("{\"name\": \"m\", \"date\": \"2027-01-01\"}", 51))), 400, "management.milestones"),
            Put("case larger than the limit", $"{{\"management\": {{\"plan\": \"{new string('p', MaxBodyBytes)}\"}}}}", 413),
        ];
    }

    public static IEnumerable<BadInput> Submission() =>
    [
        new("submit an incomplete case", "rita", "POST", "/api/projects/{project}/business-case/submit", () => null, 400, "strategic.strategicFit"),
        new("submit someone else's case", "ravi", "POST", "/api/projects/{project}/business-case/submit", () => null, 404),
        new("submit a case nobody has", "rita", "POST", "/api/projects/nothing-here/business-case/submit", () => null, 404),
        new("resubmit with nothing asked for", "rita", "POST", "/api/projects/{project}/business-case/resubmit", () => null, 400, "strategic.strategicFit"),
        new("resubmit an id of 500 characters", "rita", "POST", $"/api/projects/{new string('x', 500)}/business-case/resubmit", () => null, 404),
    ];

    public static IEnumerable<BadInput> Decision()
    {
        const string path = "/api/approvals/{step}/decision";
        BadInput Post(string name, string json, int status = 400, string? field = null, string contentType = "application/json") =>
            new(name, "line-lee", "POST", path, () => Text(json, contentType), status, field);
        return
        [
            Post("decision as text/plain", "{\"decision\": \"reject\", \"comment\": \"no\"}", 415, contentType: "text/plain"),
            Post("decision as a form", "decision=reject&comment=no", 415, contentType: "application/x-www-form-urlencoded"),
            Post("decision in Latin-1", "{\"decision\": \"reject\", \"comment\": \"no\"}", 415, contentType: "application/json; charset=latin1"),
            new("decision with invalid UTF-8", "line-lee", "POST", path, () => Bytes([.. "{\"decision\": \"reject\", \"comment\": \""u8, 0xC0, 0xAF, .. "\"}"u8], "application/json"), 400, "body"),
            Post("decision JSON cut short", "{\"decision\": ", 400, "body"),
            Post("decision empty body", string.Empty, 400, "body"),
            Post("decision maybe", "{\"decision\": \"maybe\"}", 400, "decision"),
            Post("decision a number", "{\"decision\": 5}", 400, "decision"),
            Post("decision comment too long", $"{{\"decision\": \"reject\", \"comment\": \"{new string('c', 4001)}\"}}", 400, "comment"),
            Post("decision comment an object", "{\"decision\": \"reject\", \"comment\": {\"a\": 1}}", 400, "comment"),
            Post("decision cost tolerance 1e400", "{\"decision\": \"approve\", \"tolerances\": {\"costPercent\": 1e400}}", 400, "tolerances.costPercent"),
            Post("decision time tolerance a word", "{\"decision\": \"approve\", \"tolerances\": {\"timeWorkingDays\": \"ten\"}}", 400, "tolerances.timeWorkingDays"),
            Post("decision risk tolerance 99", "{\"decision\": \"approve\", \"projectManagerId\": \"pm-sam\", \"tolerances\": {\"timeWorkingDays\": 10, \"costPercent\": 10, \"scope\": \"s\", \"quality\": \"q\", \"riskScore\": 99, \"benefitsPercent\": 10}}", 400, "tolerances.riskScore"),
            Post("decision unknown project manager", "{\"decision\": \"approve\", \"projectManagerId\": \"nobody\"}", 400, "projectManagerId"),
            Post("decision larger than the limit", $"{{\"decision\": \"reject\", \"comment\": \"{new string('c', MaxBodyBytes)}\"}}", 413),
            new("decision on a step nobody has", "line-lee", "POST", "/api/approvals/no-such-step/decision", () => Text("{\"decision\": \"reject\", \"comment\": \"no\"}", "application/json"), 404),
        ];
    }

    public static IEnumerable<BadInput> Delegation()
    {
        const string path = "/api/approvals/{step}/delegate";
        BadInput Post(string name, string json, int status = 400, string? field = null, string contentType = "application/json") =>
            new(name, "line-lee", "POST", path, () => Text(json, contentType), status, field);
        return
        [
            Post("delegation as text/plain", "{\"delegateId\": \"fin-farah\"}", 415, contentType: "text/plain"),
            Post("delegation in UTF-16", "{\"delegateId\": \"fin-farah\"}", 415, contentType: "application/json; charset=utf-16"),
            new("delegation with invalid UTF-8", "line-lee", "POST", path, () => Bytes([.. "{\"delegateId\": \""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], "application/json"), 400, "body"),
            Post("delegation to nobody", "{}", 400, "delegateId"),
            Post("delegation id 500 characters", $"{{\"delegateId\": \"{new string('d', 500)}\"}}", 400, "delegateId"),
            Post("delegation id a number", "{\"delegateId\": 5}", 400, "delegateId"),
            Post("delegation larger than the limit", $"{{\"delegateId\": \"fin-farah\", \"x\": \"{new string('x', MaxBodyBytes)}\"}}", 413),
            Post("delegation to a person nobody knows", "{\"delegateId\": \"nobody\"}", 400),
        ];
    }

    public static IEnumerable<BadInput> Withdrawal()
    {
        const string path = "/api/projects/{project}/withdraw";
        BadInput Post(string name, string json, int status = 400, string? field = null, string contentType = "application/json", string person = "rita") =>
            new(name, person, "POST", path, () => Text(json, contentType), status, field);
        return
        [
            Post("withdrawal as text/plain", "no longer needed", 415, contentType: "text/plain"),
            Post("withdrawal in Latin-1", "{\"reason\": \"x\"}", 415, contentType: "application/json; charset=iso-8859-1"),
            new("withdrawal with invalid UTF-8", "rita", "POST", path, () => Bytes([.. "{\"reason\": \""u8, 0xF8, 0x88, .. "\"}"u8], "application/json"), 400, "body"),
            Post("withdrawal reason too long", $"{{\"reason\": \"{new string('r', 2001)}\"}}", 400, "reason"),
            Post("withdrawal reason a number", "{\"reason\": 5}", 400, "reason"),
            Post("withdrawal JSON cut short", "[", 400, "body"),
            Post("withdrawal larger than the limit", $"{{\"reason\": \"{new string('r', MaxBodyBytes)}\"}}", 413),
            Post("withdrawal by someone else", "{\"reason\": \"x\"}", 403, person: "ravi"),
        ];
    }

    /// <summary>The emailed decision page's form (<c>{link}</c> is line-lee's link to <c>{step}</c>).</summary>
    public static IEnumerable<BadInput> DecisionPage()
    {
        const string path = "{link}";
        BadInput Post(string name, Func<HttpContent?> content, int status) => new(name, "line-lee", "POST", path, content, status);
        return
        [
            Post("page form as JSON", () => Text("{\"decision\": \"reject\"}", "application/json"), 415),
            Post("page form as multipart", () => new MultipartFormDataContent { { new StringContent("reject"), "decision" } }, 415),
            Post("page form in Latin-1", () => Text("decision=reject", "application/x-www-form-urlencoded; charset=iso-8859-1"), 415),
            Post("page form with invalid UTF-8", () => Bytes([.. "decision=reject&comment="u8, 0xFF], "application/x-www-form-urlencoded"), 400),
            Post("page form with a percent-encoded byte that is not UTF-8", () => Text("decision=reject&comment=%FF", "application/x-www-form-urlencoded"), 400),
            Post("page form larger than the limit", () => Text("decision=reject&comment=" + new string('c', MaxBodyBytes), "application/x-www-form-urlencoded"), 413),
            Post("page form without its anti-forgery token", () => Text("decision=reject&comment=no", "application/x-www-form-urlencoded"), 400),
        ];
    }

    private static string EncodedForm(Dictionary<string, string> fields) =>
        string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private static JsonArray Repeat(int count, Func<JsonNode> item) => new([.. Enumerable.Range(0, count).Select(_ => item())]);

    private static StringContent Text(string text, string contentType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>The valid request with a lone continuation byte inside its description.</summary>
    private static byte[] InvalidUtf8Json(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid.Replace("Replace 120", "Replace \u0001", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf(0x01);
        bytes[at] = 0x80;
        return [.. bytes];
    }
}
