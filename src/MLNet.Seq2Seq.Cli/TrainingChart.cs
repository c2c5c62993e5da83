using System.Globalization;
using System.Xml.Linq;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// Draws a training history as a small SVG line chart: training loss per epoch on the left axis, validation exact match
/// (0..100 %) on the right axis, epochs along the bottom, a legend on top. One marker per epoch and series; an epoch
/// without a finite value (a diverged loss, no validation data) has no marker.
/// </summary>
internal static class TrainingChart
{
    private const double Width = 640, Height = 360, Left = 64, Right = 64, Top = 48, Bottom = 52;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private const string LossColor = "#1f77b4", ExactMatchColor = "#d95f02", AxisColor = "#444", GridColor = "#e5e5e5";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The chart of <paramref name="history"/> as an SVG document.</summary>
    public static XDocument Draw(IReadOnlyList<EpochSummary> history)
    {
        ArgumentOutOfRangeException.ThrowIfZero(history.Count);
        double[] losses = [.. history.Select(e => e.TrainLoss).Where(double.IsFinite)];
        double lossTop = NiceCeiling(losses.Length == 0 ? 1 : Math.Max(losses.Max(), 1e-6));
        double X(int epoch) => Left + (history.Count == 1 ? PlotWidth / 2 : (epoch - 1) * PlotWidth / (history.Count - 1));
        double LossY(double loss) => Top + PlotHeight * (1 - loss / lossTop);
        double ExactMatchY(double fraction) => Top + PlotHeight * (1 - fraction);

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("viewBox", Invariant($"0 0 {Width} {Height}")),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 12),
            new XElement(Svg + "title", "Training loss and validation exact match per epoch"),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "white")));

        for (int i = 0; i <= 4; i++)
        {
            double y = Top + PlotHeight * i / 4;
            svg.Add(Line(Left, y, Left + PlotWidth, y, GridColor),
                Text(Left - 6, y + 4, Number(lossTop * (4 - i) / 4), "end", LossColor),
                Text(Left + PlotWidth + 6, y + 4, Invariant($"{(4 - i) * 25}%"), "start", ExactMatchColor));
        }

        int epochStep = (int)Math.Ceiling(history.Count / 10.0);
        for (int epoch = 1; epoch <= history.Count; epoch += epochStep)
        {
            svg.Add(Line(X(epoch), Top + PlotHeight, X(epoch), Top + PlotHeight + 4, AxisColor),
                Text(X(epoch), Top + PlotHeight + 18, Invariant($"{epoch}"), "middle", AxisColor));
        }

        svg.Add(Line(Left, Top, Left, Top + PlotHeight, AxisColor),
            Line(Left + PlotWidth, Top, Left + PlotWidth, Top + PlotHeight, AxisColor),
            Line(Left, Top + PlotHeight, Left + PlotWidth, Top + PlotHeight, AxisColor),
            Text(Left + PlotWidth / 2, Height - 10, "epoch", "middle", AxisColor),
            Rotated(16, Top + PlotHeight / 2, "training loss", LossColor),
            Rotated(Width - 12, Top + PlotHeight / 2, "validation exact match", ExactMatchColor),
            Series("loss", LossColor, [.. history.Where(e => double.IsFinite(e.TrainLoss)).Select(e => (X(e.Epoch), LossY(e.TrainLoss)))]),
            Series("exact-match", ExactMatchColor, [.. history.Where(e => e.ValidExactMatch is { } v && double.IsFinite(v)).Select(e => (X(e.Epoch), ExactMatchY(e.ValidExactMatch!.Value)))]),
            Legend());
        return new XDocument(svg);
    }

    private static XElement Series(string name, string color, (double X, double Y)[] points)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", name), new XAttribute("fill", color));
        if (points.Length > 1)
        {
            group.Add(new XElement(Svg + "polyline", new XAttribute("fill", "none"), new XAttribute("stroke", color), new XAttribute("stroke-width", 2),
                new XAttribute("points", string.Join(' ', points.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}"))))));
        }

        group.Add(points.Select(p => new XElement(Svg + "circle", new XAttribute("class", "point"),
            new XAttribute("cx", Math.Round(p.X, 1)), new XAttribute("cy", Math.Round(p.Y, 1)), new XAttribute("r", 3))));
        return group;
    }

    private static XElement Legend() => new(Svg + "g", new XAttribute("class", "legend"),
        Line(Left, 20, Left + 24, 20, LossColor, width: 2),
        Text(Left + 30, 24, "training loss (left axis)", "start", AxisColor),
        Line(Left + 220, 20, Left + 244, 20, ExactMatchColor, width: 2),
        Text(Left + 250, 24, "validation exact match (right axis)", "start", AxisColor));

    private static XElement Line(double x1, double y1, double x2, double y2, string color, double width = 1) => new(Svg + "line",
        new XAttribute("x1", x1), new XAttribute("y1", y1), new XAttribute("x2", x2), new XAttribute("y2", y2),
        new XAttribute("stroke", color), new XAttribute("stroke-width", width));

    private static XElement Text(double x, double y, string text, string anchor, string color) => new(Svg + "text",
        new XAttribute("x", Math.Round(x, 1)), new XAttribute("y", Math.Round(y, 1)), new XAttribute("text-anchor", anchor), new XAttribute("fill", color), text);

    private static XElement Rotated(double x, double y, string text, string color)
    {
        XElement label = Text(x, y, text, "middle", color);
        label.Add(new XAttribute("transform", Invariant($"rotate(-90 {x:0.#} {y:0.#})")));
        return label;
    }

    /// <summary>The smallest of 1, 2, 4, 6, 8 or 10 times a power of ten that is at least <paramref name="value"/>: its quarters are round.</summary>
    private static double NiceCeiling(double value)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 4, 6, 8, 10 }.Select(m => m * power).First(candidate => candidate >= value * (1 - 1e-9));
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
