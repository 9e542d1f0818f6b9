// Runs SPARQL SELECT queries with Apache Jena ARQ (the query engine of Fuseki) over one RDF
// dataset file, loaded as Jena loads it (named graphs from TriG/N-Quads, an empty default graph),
// and writes each result as SPARQL JSON. Used by tests/test_jena.py.
//
//   java RunQueries DATASET OUTDIR QUERY.rq...   ->   OUTDIR/QUERY.rq.json
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;

public class RunQueries {
    public static void main(String[] args) throws Exception {
        Dataset dataset = RDFDataMgr.loadDataset(args[0]);
        Path out = Paths.get(args[1]);
        for (int i = 2; i < args.length; i++) {
            Path query = Paths.get(args[i]);
            String text = Files.readString(query);
            Path target = out.resolve(query.getFileName().toString() + ".json");
            try (QueryExecution execution = QueryExecutionFactory.create(text, dataset);
                 OutputStream stream = Files.newOutputStream(target)) {
                ResultSetFormatter.outputAsJSON(stream, execution.execSelect());
            }
        }
    }
}
