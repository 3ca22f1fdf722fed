package io.darkroom.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.RescanRequested;
import io.darkroom.ingest.domain.ScanScope;
import io.darkroom.ingest.scan.ScanScheduler;
import io.darkroom.ingest.scan.ScanService;
import io.darkroom.platform.library.LibraryRoots;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Rescan commands ({@code media.rescan.requested.v1}): a whole root or one folder (with its sub-folders) is queued for
 * a scan on the scan thread, and the command is acknowledged once queued (a restart scans everything anyway). A
 * record that is not a valid command (not JSON, unknown root, a folder outside its root) is refused, and the channel's
 * dead-letter strategy moves it to {@code media.rescan.requested.v1.dlq} with the reason; the channel goes on.
 */
@ApplicationScoped
public class RescanConsumer {

    private static final Logger LOG = Logger.getLogger(RescanConsumer.class);

    private final ObjectMapper mapper;
    private final ScanScheduler scheduler;
    private final LibraryRoots roots;

    public RescanConsumer(ObjectMapper mapper, ScanScheduler scheduler, ScanService scans) {
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.roots = scans.roots();
    }

    @Incoming("rescan-in")
    public void onRescan(String json) {
        RescanRequested command = parse(json);
        roots.root(command.root()); // an unknown root is refused
        ScanScope scope = command.wholeRoot() ? ScanScope.wholeRoot(command.root())
                : new ScanScope(command.root(), command.folder(), true);
        LOG.infof("Rescan of %s requested by %s", scope, command.requestedBy() == null ? "?" : command.requestedBy());
        scheduler.request(scope);
    }

    private RescanRequested parse(String json) {
        RescanRequested command;
        try {
            command = mapper.readValue(json, RescanRequested.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a RescanRequested command: " + e.getOriginalMessage(), e);
        }
        if (command == null || command.root() == null) {
            throw new IllegalArgumentException("A RescanRequested command names no root");
        }
        return command;
    }
}
