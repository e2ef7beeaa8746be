package dev.tailgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The distributed-run recipes under deploy/ (docs/deploy.md, "Distributed runs"): the YAML
 * parses, every pod or matrix job runs one shard of the same N with the same --shard-run id, and
 * the merge step merges what the shards wrote. {@link CiTemplatesTest} parses their
 * {@code ./tailgate} lines with the real CLI.
 */
class DistributedDeployTest {
    static final String K8S_JOB = "deploy/k8s/distributed-job.yaml";
    static final String GITHUB_MATRIX = "deploy/ci/github/distributed.yml";
    static final String SSH = "deploy/ssh/distributed.sh";

    private static List<String> only(String file, String command) throws IOException {
        List<List<String>> found = CiTemplatesTest.commands(file).stream().filter(c -> c.get(0).equals(command)).toList();
        assertEquals(1, found.size(), file + ": one ./tailgate " + command + " expected, found " + found);
        return found.get(0);
    }

    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < args.size(), option + " missing in " + args);
        return args.get(i + 1);
    }

    @Test
    void theIndexedJobRunsOneShardPerIndexAndMergesThemFromTheSharedVolume() throws IOException {
        List<JsonNode> docs = CiTemplatesTest.documents(K8S_JOB);
        JsonNode job = docs.stream().filter(d -> d.path("kind").asText().equals("Job")).findFirst().orElseThrow();
        assertEquals("Indexed", job.at("/spec/completionMode").asText());
        int completions = job.at("/spec/completions").asInt();
        assertEquals(completions, job.at("/spec/parallelism").asInt(), "the shards' load must overlap: all at once");
        JsonNode container = job.at("/spec/template/spec/containers/0");
        String script = container.at("/args/0").asText();
        assertTrue(script.contains("$((JOB_COMPLETION_INDEX + 1))"), "JOB_COMPLETION_INDEX is 0-based, --shard 1-based");
        String shards = container.path("env").findValues("value").stream().map(JsonNode::asText)
                .filter(v -> v.matches("\\d+")).findFirst().orElseThrow();
        assertEquals(String.valueOf(completions), shards, "SHARDS must equal the Job's completions");
        List<String> run = only(K8S_JOB, "run");
        assertEquals("$shard/$SHARDS", after(run, "--shard"));
        assertEquals("$RUN", after(run, "--shard-run"));
        assertTrue(after(run, "--run-id").startsWith("$RUN-shard-"), run.toString());
        List<String> merge = only(K8S_JOB, "merge");
        assertEquals("results/$RUN-shard-*", merge.get(1), merge.toString());
        String claim = job.at("/spec/template/spec/volumes").findValues("claimName").get(0).asText();
        JsonNode pvc = docs.stream().filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim")
                && d.at("/metadata/name").asText().equals(claim)).findFirst().orElseThrow();
        assertEquals("ReadWriteMany", pvc.at("/spec/accessModes/0").asText(), "every pod writes, pod 0 reads all");
    }

    @Test
    void theGithubMatrixRunsOneShardPerEntryAndMergesEvenAfterAFailure() throws IOException {
        JsonNode wf = CiTemplatesTest.documents(GITHUB_MATRIX).get(0);
        JsonNode shardJob = wf.at("/jobs/shard");
        int n = shardJob.at("/strategy/matrix/shard").size();
        List<String> run = only(GITHUB_MATRIX, "run");
        assertEquals("$SHARD/" + n, after(run, "--shard"), "N in --shard must be the matrix's size");
        assertEquals("gh-$GITHUB_RUN_ID", after(run, "--shard-run"));
        JsonNode merge = wf.at("/jobs/merge");
        assertEquals("shard", merge.path("needs").asText());
        assertEquals("always()", merge.path("if").asText(), "a failed shard must still give an (INVALID) merged run");
        assertTrue(only(GITHUB_MATRIX, "merge").contains("shards/shard-*"));
    }

    @Test
    void theSshScriptIsValidShellAndMergesWhatItCopiedBack() throws Exception {
        Process p = new ProcessBuilder("bash", "-n", CiTemplatesTest.ROOT.resolve(SSH).toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash -n did not finish");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        String text = Files.readString(CiTemplatesTest.ROOT.resolve(SSH));
        assertTrue(text.contains("--shard $i/$n --shard-run $run"), "each host runs shard i of n under one id");
        assertTrue(text.contains("./tailgate merge results/\"$run\"-shard-* --out \"results/$run\""), text);
    }
}
