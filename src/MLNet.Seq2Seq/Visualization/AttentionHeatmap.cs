using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace MLNet.Seq2Seq.Visualization;

/// <summary>
/// Draws attention weights as a labelled SVG heatmap that any browser shows: one column per source token (labels on top),
/// one row per output token (labels on the left), each cell shaded from white (weight 0) to dark blue (weight 1) with
/// its weight as a tooltip.
/// </summary>
public static class AttentionHeatmap
{
    private const int Cell = 24;
    private const int CharacterWidth = 8;
    private const int Margin = 12;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// The SVG document for <paramref name="weights"/> [output, source] (row-major: the weights of output token i over
    /// the source tokens are <c>weights[i * sourceTokens.Count + j]</c>). Weights are clamped to [0, 1] for shading;
    /// spaces are drawn as "␣" and control characters as "�".
    /// </summary>
    /// <param name="sourceTokens">The source tokens, one per column.</param>
    /// <param name="outputTokens">The output tokens, one per row.</param>
    /// <param name="weights">The weights, outputTokens.Count × sourceTokens.Count of them.</param>
    /// <exception cref="ArgumentException">The number of weights is not outputs × sources.</exception>
    public static string ToSvg(IReadOnlyList<string> sourceTokens, IReadOnlyList<string> outputTokens, ReadOnlySpan<float> weights)
    {
        ArgumentNullException.ThrowIfNull(sourceTokens);
        ArgumentNullException.ThrowIfNull(outputTokens);
        int columns = sourceTokens.Count, rows = outputTokens.Count;
        if (weights.Length != rows * columns)
        {
            throw new ArgumentException(
                $"Expected {rows} output tokens × {columns} source tokens = {rows * columns} weights; got {weights.Length}.", nameof(weights));
        }

        string[] sourceLabels = [.. sourceTokens.Select(Visible)];
        string[] outputLabels = [.. outputTokens.Select(Visible)];
        int left = Margin + (CharacterWidth * Math.Max(6, outputLabels.DefaultIfEmpty("").Max(l => l.Length))) + Margin;
        int top = Margin + 16 + (CharacterWidth * Math.Max(1, sourceLabels.DefaultIfEmpty("").Max(l => l.Length))) + Margin;
        int width = left + (columns * Cell) + Margin, height = top + (rows * Cell) + Margin;

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", width), new XAttribute("height", height),
            new XAttribute("viewBox", Invariant($"0 0 {width} {height}")),
            new XAttribute("font-family", "monospace"), new XAttribute("font-size", 12),
            new XElement(Svg + "title", "Attention weights: source tokens across, output tokens down"),
            new XElement(Svg + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "white")),
            Text(left + (columns * Cell / 2), Margin + 10, "source", "middle", "axis-title"),
            Text(Margin, top - 6, "output", "start", "axis-title"));
        for (int j = 0; j < columns; j++)
        {
            int x = left + (j * Cell) + (Cell / 2) + 4, y = top - 6;
            var label = Text(x, y, sourceLabels[j], "start", "source-label");
            label.Add(new XAttribute("transform", Invariant($"rotate(-90 {x} {y})")));
            svg.Add(label);
        }

        for (int i = 0; i < rows; i++)
        {
            int y = top + (i * Cell);
            svg.Add(Text(left - 6, y + (Cell / 2) + 4, outputLabels[i], "end", "output-label"));
            for (int j = 0; j < columns; j++)
            {
                float weight = weights[(i * columns) + j];
                svg.Add(new XElement(Svg + "rect",
                    new XAttribute("class", "cell"),
                    new XAttribute("x", left + (j * Cell)), new XAttribute("y", y),
                    new XAttribute("width", Cell), new XAttribute("height", Cell),
                    new XAttribute("fill", Shade(weight)),
                    new XElement(Svg + "title", Invariant($"{outputLabels[i]} ← {sourceLabels[j]}: {weight:0.###}"))));
            }
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + Environment.NewLine + svg;
    }

    private static XElement Text(int x, int y, string content, string anchor, string cssClass) =>
        new(Svg + "text", new XAttribute("class", cssClass), new XAttribute("x", x), new XAttribute("y", y),
            new XAttribute("text-anchor", anchor), content);

    /// <summary>White at 0 to dark blue (#083094) at 1.</summary>
    private static string Shade(float weight)
    {
        float w = float.IsNaN(weight) ? 0 : Math.Clamp(weight, 0, 1);
        return Invariant($"rgb({Channel(247, w)},{Channel(207, w)},{Channel(107, w)})");
    }

    private static int Channel(int depth, float w) => (int)MathF.Round(255 - (depth * w));

    /// <summary>A token as it should read in the picture: spaces made visible, characters XML cannot hold replaced.</summary>
    private static string Visible(string token)
    {
        var text = new StringBuilder(token.Length);
        for (int i = 0; i < token.Length; i++)
        {
            if (char.IsSurrogatePair(token, i))
            {
                text.Append(token, i++, 2);
            }
            else
            {
                char c = token[i];
                text.Append(c == ' ' ? '␣' : char.IsControl(c) || char.IsSurrogate(c) ? '�' : c);
            }
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
