using Microsoft.ML;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>Options of <see cref="Seq2SeqCatalog.CharacterSeq2Seq"/>. Every property documents its default.</summary>
public sealed class CharacterSeq2SeqOptions
{
    /// <summary>Whether the source's characters are fed to the encoder in reverse order (the input reversal of Sutskever et al.). Default true.</summary>
    public bool ReverseSource { get; set; } = true;

    /// <summary>The text column with the prediction. Default "Prediction".</summary>
    public string PredictionColumnName { get; set; } = "Prediction";

    /// <summary>
    /// How the source step treats characters it did not see in training. Default
    /// <see cref="UnknownCharacterHandling.MapToReplacement"/> (counted in the <see cref="UnknownCountColumnName"/> column).
    /// </summary>
    public UnknownCharacterHandling UnknownCharacters { get; set; } = UnknownCharacterHandling.MapToReplacement;

    /// <summary>The Int32 column counting each source's characters outside the vocabulary. Default "UnknownCharacters".</summary>
    public string UnknownCountColumnName { get; set; } = "UnknownCharacters";

    /// <summary>
    /// The most characters a source may have, greater than 0; saved in the fitted source tokenizer, so it applies to
    /// prediction too. Default null: no limit.
    /// </summary>
    public int? MaxSourceLength { get; set; }

    /// <summary>What the source tokenizer does with a source longer than <see cref="MaxSourceLength"/>. Default <see cref="LengthOverflowHandling.Truncate"/>.</summary>
    public LengthOverflowHandling SourceLengthOverflow { get; set; } = LengthOverflowHandling.Truncate;

    /// <summary>Case folding applied to source and target before tokenizing. Default <see cref="Transforms.Text.CaseFolding.None"/>.</summary>
    public CaseFolding CaseFolding { get; set; } = CaseFolding.None;

    /// <summary>
    /// Validation data with the same text columns as the training data; it goes through the fitted character steps and is
    /// scored by exact match every epoch (the best epoch is kept). Default null.
    /// </summary>
    public IDataView? ValidationData { get; set; }

    /// <summary>
    /// The encoder-decoder's options (sizes, decoder form, epochs, learning rate, ...). Its column names are managed by
    /// the chain and its <see cref="LstmEncoderDecoderOptions.ValidationData"/> is replaced by
    /// <see cref="ValidationData"/>. Default: <see cref="LstmEncoderDecoderOptions"/>'s defaults.
    /// </summary>
    public LstmEncoderDecoderOptions Trainer { get; set; } = new();
}
