namespace Delivery.Functions.App.Pages.Components;

/// <summary>Which page numbers pagination shows: the first, the last, and the current with one either side; null for a gap.</summary>
public static class PageNumbers
{
    public static IReadOnlyList<int?> Around(int current, int count)
    {
        var shown = new SortedSet<int> { 1, count };
        for (var n = current - 1; n <= current + 1; n++)
        {
            if (n >= 1 && n <= count)
            {
                shown.Add(n);
            }
        }

        var numbers = new List<int?>();
        var previous = 0;
        foreach (var n in shown)
        {
            if (n - previous > 1)
            {
                numbers.Add(null);
            }

            numbers.Add(n);
            previous = n;
        }

        return numbers;
    }
}
