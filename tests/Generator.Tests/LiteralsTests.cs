using Neuroslyn.Generator.Emitting;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>The text the emitter writes for numbers and names.</summary>
public sealed class LiteralsTests
{
    [Theory]
    [InlineData(0.001f, "0.001")]
    [InlineData(0.1f, "0.1")]
    [InlineData(1f, "1")]
    [InlineData(1e-8f, "1e-8")]
    [InlineData(1.5e-7f, "1.5e-7")]
    [InlineData(1e20f, "1e20")]
    [InlineData(-2.5e-6f, "-2.5e-6")]
    public void Shortest_is_the_shortest_round_trip_text_with_a_plain_exponent(float value, string expected)
    {
        string text = Literals.Shortest(value);

        Assert.Equal(expected, text);
        Assert.Equal(value, float.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(float.PositiveInfinity, "float.PositiveInfinity")]
    [InlineData(float.NegativeInfinity, "float.NegativeInfinity")]
    [InlineData(float.NaN, "float.NaN")]
    [InlineData(1e-45f, "1e-45f")]
    public void Float_literals_compile_whatever_the_value(float value, string expected)
        => Assert.Equal(expected, Literals.Float(value));

    [Theory]
    [InlineData("FashionNet", "FashionNet")]
    [InlineData("class", "@class")]
    [InlineData("record", "@record")]
    [InlineData("partial", "@partial")]
    [InlineData("nint", "@nint")] // all lower-case: CS8981 unless escaped
    [InlineData("net", "@net")]
    [InlineData("net2", "net2")]
    public void Type_names_are_escaped_when_they_are_keywords_or_all_lower_case(string name, string expected)
        => Assert.Equal(expected, Literals.TypeName(name));

    [Theory]
    [InlineData("Samples.Tabular", "Samples.Tabular")]
    [InlineData("event.N", "@event.N")]
    [InlineData("lower.case", "lower.@case")]
    public void Namespace_parts_are_escaped_when_they_are_keywords(string name, string expected)
        => Assert.Equal(expected, Literals.Namespace(name));
}
