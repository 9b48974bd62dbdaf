namespace Dupn.MLNet;

/// <summary>Which file of a task: `&lt;task&gt;.train.csv` or `&lt;task&gt;.test.csv`.</summary>
public enum DatasetSplit
{
    Train,
    Test,
}
