package vn.kyso.bench;

/** The startup baseline: a JVM with the services' flags that does nothing but say it is up and stay idle. */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "60") * 1000);
    }
}
