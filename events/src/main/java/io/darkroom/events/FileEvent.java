package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What ingest-service saw happen to a file. One topic ({@link Topics#FILES}) carries all three kinds so
 * that, keyed by location, the events of one path stay in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileDiscovered.class, name = "FileDiscovered"),
    @JsonSubTypes.Type(value = FileMoved.class, name = "FileMoved"),
    @JsonSubTypes.Type(value = FileRemoved.class, name = "FileRemoved")
})
public sealed interface FileEvent extends DarkroomEvent permits FileDiscovered, FileMoved, FileRemoved {
}
