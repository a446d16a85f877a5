namespace Delivery.Functions.App.Pages.Components;

/// <summary>A table column's header; numeric columns are right-aligned, header and cells alike.</summary>
public sealed record TableColumn(string Header, bool Numeric = false);
