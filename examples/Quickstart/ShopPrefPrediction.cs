/// <summary>What the fitted pipeline adds for one row.</summary>
public sealed class ShopPrefPrediction
{
    public bool PredictedLabel { get; set; }
    public float Probability { get; set; }
    public float Score { get; set; }
}
