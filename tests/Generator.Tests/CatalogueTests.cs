using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// The diagnostic catalogue's checklist, per id: well-formed, unique, documented, tracked in the analyzer release
/// files, and exercised by a test.
/// </summary>
public sealed partial class CatalogueTests
{
    public static TheoryData<string> Ids => new(DiagnosticDescriptors.All.Select(descriptor => descriptor.Id));

    [Fact]
    public void Catalogue_is_not_empty_and_ids_are_unique()
    {
        string[] ids = DiagnosticDescriptors.All.Select(descriptor => descriptor.Id).ToArray();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Distinct(StringComparer.Ordinal), ids);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_is_NSL_and_four_digits(string id)
        => Assert.Matches(IdPattern(), id);

    /// <summary>
    /// The help link is relative to the root of the package, which carries docs/diagnostics as the repository has it
    /// (the package test checks that side), so resolved against the repository's root it must be this id's page.
    /// </summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_resolves_to_the_ids_page_in_the_repository(string id)
    {
        string link = Descriptor(id).HelpLinkUri;

        Assert.True(
            Uri.TryCreate(link, UriKind.Relative, out Uri? uri) && !link.StartsWith('/'),
            $"{id}'s help link '{link}' is not relative to the package's root (DiagnosticDescriptors.HelpLink).");
        string page = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Uri.UnescapeDataString(uri!.OriginalString)));
        Assert.True(File.Exists(page), $"{id}'s help link '{link}' resolves to {page}, which does not exist.");
        Assert.Equal(Path.GetFullPath(RepositoryPaths.Combine("docs", "diagnostics", id + ".md")), page);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Docs_page_exists_and_is_titled_with_the_id(string id)
    {
        string page = RepositoryPaths.Combine("docs", "diagnostics", id + ".md");

        Assert.True(File.Exists(page), $"{page} is missing: every diagnostic has a page.");
        Assert.StartsWith($"# {id}", File.ReadLines(page).First(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Training_hazard_page_says_why_how_to_fix_and_how_to_suppress(string id)
    {
        if (string.CompareOrdinal(id, "NSL1000") < 0)
        {
            return; // the declaration errors' pages have their own layout
        }

        string page = File.ReadAllText(RepositoryPaths.Combine("docs", "diagnostics", id + ".md"));

        Assert.Contains("## Why it hurts training", page, StringComparison.Ordinal);
        Assert.Contains("## How to fix", page, StringComparison.Ordinal);
        Assert.Contains("## How to suppress", page, StringComparison.Ordinal);
        Assert.Contains($"#pragma warning disable {id}", page, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Release_tracking_has_a_row_with_the_descriptors_category_and_severity(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);

        string[]? row = ReleaseRows().FirstOrDefault(cells => cells[0] == id);

        Assert.True(row is not null, $"{id} has no row in src/Generator/AnalyzerReleases.Unshipped.md or Shipped.md.");
        Assert.Equal(descriptor.Category, row![1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_is_exercised_by_a_test(string id)
    {
        // As a string literal, the way a test states the id it expects: a test's name or a comment does not count.
        string literal = $"\"{id}\"";
        string[] files = TestSourceFiles().Where(file => File.ReadAllText(file).Contains(literal, StringComparison.Ordinal)).ToArray();

        Assert.True(files.Length > 0, $"No test source under tests/ has the literal {literal}: add a test that triggers {id} and asserts its id.");
    }

    [Fact]
    public void Every_docs_page_and_release_row_belongs_to_a_descriptor()
    {
        HashSet<string> ids = DiagnosticDescriptors.All.Select(descriptor => descriptor.Id).ToHashSet(StringComparer.Ordinal);

        string[] pages = Directory.GetFiles(RepositoryPaths.Combine("docs", "diagnostics"), "NSL*.md").Select(Path.GetFileNameWithoutExtension).ToArray()!;
        Assert.All(pages, page => Assert.Contains(page, ids));
        Assert.All(ReleaseRows(), row => Assert.Contains(row[0], ids));
    }

    private static DiagnosticDescriptor Descriptor(string id) => DiagnosticDescriptors.All.Single(descriptor => descriptor.Id == id);

    /// <summary>The table rows of both release-tracking files, as cells: id, category, severity, notes.</summary>
    private static IEnumerable<string[]> ReleaseRows()
        => new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(RepositoryPaths.Combine("src", "Generator", file)))
            .Where(line => line.StartsWith("NSL", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray());

    /// <summary>Every C# file under tests/ except this one and build output.</summary>
    private static IEnumerable<string> TestSourceFiles()
        => Directory.EnumerateFiles(RepositoryPaths.Combine("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && Path.GetFileName(file) != nameof(CatalogueTests) + ".cs");

    private static bool IsBuildOutput(string file)
    {
        string[] parts = file.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    [GeneratedRegex(@"^NSL\d{4}$")]
    private static partial Regex IdPattern();
}
