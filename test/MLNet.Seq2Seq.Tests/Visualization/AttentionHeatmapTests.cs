using System.Xml.Linq;
using MLNet.Seq2Seq.Visualization;

namespace MLNet.Seq2Seq.Tests.Visualization;

[TestClass]
public sealed class AttentionHeatmapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Draw(string[] source, string[] output, float[] weights) => XDocument.Parse(AttentionHeatmap.ToSvg(source, output, weights)).Root!;

    private static string[] Labels(XElement svg, string cssClass) =>
        [.. svg.Elements(Svg + "text").Where(e => (string?)e.Attribute("class") == cssClass).Select(e => e.Value)];

    [TestMethod]
    public void IsWellFormedSvgWithOneCellPerWeightAndBothAxesLabelled()
    {
        string[] source = ["9", "/", "2", "7"];
        string[] output = ["0", "9", "-", "2", "7", "</s>"];
        float[] weights = [.. Enumerable.Range(0, 24).Select(i => i / 23f)];
        var svg = Draw(source, output, weights);

        Assert.AreEqual(Svg + "svg", svg.Name);
        var cells = svg.Elements(Svg + "rect").Where(e => (string?)e.Attribute("class") == "cell").ToArray();
        Assert.HasCount(24, cells);
        CollectionAssert.AreEqual(source, Labels(svg, "source-label"));
        CollectionAssert.AreEqual(output, Labels(svg, "output-label"));
        Assert.AreEqual("7 ← 2: 0.783", cells[(4 * 4) + 2].Element(Svg + "title")!.Value);
    }

    [TestMethod]
    public void CellsAreLaidOutRowByRowAndShadedByWeight()
    {
        var cells = Draw(["a", "b"], ["x", "y"], [0f, 1f, 0.5f, 2f]).Elements(Svg + "rect").Where(e => (string?)e.Attribute("class") == "cell").ToArray();
        Assert.AreEqual("rgb(255,255,255)", (string?)cells[0].Attribute("fill"));
        Assert.AreEqual("rgb(8,48,148)", (string?)cells[1].Attribute("fill"));
        Assert.AreEqual((string?)cells[0].Attribute("x"), (string?)cells[2].Attribute("x"));
        Assert.AreEqual((string?)cells[0].Attribute("y"), (string?)cells[1].Attribute("y"));
        Assert.AreEqual("rgb(8,48,148)", (string?)cells[3].Attribute("fill"), "weights above 1 are clamped");
    }

    [TestMethod]
    public void EveryCellHasItsOwnPlaceColumnsLeftToRightAndRowsTopToBottom()
    {
        var cells = Draw(["a", "b", "c"], ["x", "y"], new float[6]).Elements(Svg + "rect").Where(e => (string?)e.Attribute("class") == "cell").ToArray();
        double Coordinate(XElement cell, string name) => double.Parse((string)cell.Attribute(name)!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.HasCount(6, cells);
        Assert.HasCount(6, cells.Select(c => (Coordinate(c, "x"), Coordinate(c, "y"))).Distinct().ToArray(), "no two cells at one point");
        for (int row = 0; row < 2; row++)
        {
            for (int column = 0; column < 3; column++)
            {
                var cell = cells[(row * 3) + column];
                Assert.AreEqual(Coordinate(cells[column], "x"), Coordinate(cell, "x"), "a column shares its x");
                Assert.AreEqual(Coordinate(cells[row * 3], "y"), Coordinate(cell, "y"), "a row shares its y");
                if (column > 0)
                {
                    Assert.IsGreaterThanOrEqualTo(Coordinate(cells[(row * 3) + column - 1], "x") + Coordinate(cell, "width") - 1e-9, Coordinate(cell, "x"), "columns do not overlap");
                }
            }
        }

        Assert.IsGreaterThanOrEqualTo(Coordinate(cells[0], "y") + Coordinate(cells[0], "height") - 1e-9, Coordinate(cells[3], "y"), "rows do not overlap");
    }

    [TestMethod]
    public void SpecialCharactersAreEscapedOrMadeVisible()
    {
        var svg = Draw(["<", "&", " ", "\u0001"], ["\"", "'"], new float[8]);
        CollectionAssert.AreEqual(new[] { "<", "&", "␣", "�" }, Labels(svg, "source-label"));
        CollectionAssert.AreEqual(new[] { "\"", "'" }, Labels(svg, "output-label"));
    }

    [TestMethod]
    public void RejectsAWeightCountThatIsNotOutputsTimesSources()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => AttentionHeatmap.ToSvg(["a", "b"], ["x"], new float[3]));
        Assert.AreEqual("weights", error.ParamName);
        StringAssert.Contains(error.Message, "2 weights; got 3");
    }
}
